package com.acme.shared;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An application's JDBC code, driven by a script: one step per argument, {@code KIND:SQL}; each
 * prints {@code #i OK detail}, {@code #i DENIED <SQLState> class: message} (an SQLException with
 * SQLState 42501, or a SecurityException) or {@code #i FAIL class: message}. In a package no
 * principal matches, like {@link AiScript}.
 *
 * <p>The connection comes from {@code -Djdbc.url} (with {@code jdbc.user}, {@code jdbc.password});
 * {@code -Djdbc.pool=hikari} takes it from a HikariCP pool instead. Kinds: query (Statement
 * .executeQuery), prepared (prepareStatement + executeQuery), execute (Statement.execute +
 * getResultSet), pexecute (prepareStatement + execute + getResultSet), update (executeUpdate),
 * pupdate (prepareStatement + executeUpdate), batch (addBatch + executeBatch), call (prepareCall +
 * execute), native (nativeSQL), getters (executeQuery, then every getter by index and by label),
 * count (how many rows next() gives).
 */
public final class SqlScript {
  private int step;

  public void run(String[] steps) throws Exception {
    String pool = System.getProperty("jdbc.pool", "");
    if (pool.equals("hikari")) {
      HikariConfig cfg = new HikariConfig();
      cfg.setJdbcUrl(System.getProperty("jdbc.url"));
      if (System.getProperty("jdbc.user") != null) cfg.setUsername(System.getProperty("jdbc.user"));
      if (System.getProperty("jdbc.password") != null) cfg.setPassword(System.getProperty("jdbc.password"));
      cfg.setMaximumPoolSize(2);
      try (HikariDataSource ds = new HikariDataSource(cfg); Connection c = ds.getConnection()) {
        for (String s : steps) runStep(c, s);
      }
    } else {
      try (Connection c = DriverManager.getConnection(System.getProperty("jdbc.url"),
          System.getProperty("jdbc.user"), System.getProperty("jdbc.password"))) {
        for (String s : steps) runStep(c, s);
      }
    }
    System.out.flush();
  }

  private void runStep(Connection c, String s) {
    int colon = s.indexOf(':');
    String kind = s.substring(0, colon);
    String sql = s.substring(colon + 1);
    int i = ++step;
    try {
      System.out.println("#" + i + " OK " + perform(c, kind, sql));
    } catch (SQLException e) {
      String tag = "42501".equals(e.getSQLState()) ? "DENIED " : "FAIL ";
      System.out.println("#" + i + " " + tag + e.getSQLState() + " " + e.getClass().getName() + ": " + e.getMessage());
    } catch (SecurityException e) {
      System.out.println("#" + i + " DENIED - " + e.getClass().getName() + ": " + e.getMessage());
    } catch (Exception e) {
      System.out.println("#" + i + " FAIL " + e.getClass().getName() + ": " + e.getMessage());
    }
    System.out.flush();
  }

  private String perform(Connection c, String kind, String sql) throws Exception {
    switch (kind) {
      case "query": {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
          return rows(rs);
        }
      }
      case "prepared": {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
          return rows(rs);
        }
      }
      case "execute": {
        try (Statement st = c.createStatement()) {
          return st.execute(sql) ? rows(st.getResultSet()) : "count=" + st.getUpdateCount();
        }
      }
      case "pexecute": {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          return ps.execute() ? rows(ps.getResultSet()) : "count=" + ps.getUpdateCount();
        }
      }
      case "update": {
        try (Statement st = c.createStatement()) {
          return "count=" + st.executeUpdate(sql);
        }
      }
      case "pupdate": {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          return "count=" + ps.executeUpdate();
        }
      }
      case "batch": {
        try (Statement st = c.createStatement()) {
          st.addBatch(sql);
          return "counts=" + st.executeBatch().length;
        }
      }
      case "call": {
        try (CallableStatement cs = c.prepareCall(sql)) {
          return "result=" + cs.execute();
        }
      }
      case "native":
        return "native=" + c.nativeSQL(sql);
      case "getters": {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
          return getters(rs);
        }
      }
      case "count": {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
          int n = 0;
          while (rs.next()) n++;
          return "count=" + n;
        }
      }
      default:
        throw new IllegalArgumentException("unknown step " + kind);
    }
  }

  /** Rows as {@code [label=value|label=value; ...]}, values read with getString. */
  private static String rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> rows = new ArrayList<>();
    while (rs.next()) {
      List<String> cols = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) cols.add(md.getColumnLabel(i).toLowerCase() + "=" + rs.getString(i));
      rows.add(String.join("|", cols));
    }
    return "rows=[" + String.join("; ", rows) + "]";
  }

  /** The first row, every column through every text getter, by index and by label. */
  private static String getters(ResultSet rs) throws Exception {
    ResultSetMetaData md = rs.getMetaData();
    if (!rs.next()) return "no rows";
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      String label = md.getColumnLabel(i);
      List<String> seen = new ArrayList<>();
      final int col = i;
      add(seen, () -> rs.getString(col));
      add(seen, () -> rs.getString(label));
      add(seen, () -> rs.getObject(col));
      add(seen, () -> rs.getObject(label));
      add(seen, () -> rs.getNString(col));
      add(seen, () -> rs.getNString(label));
      if (isText(md.getColumnType(i))) {
        add(seen, () -> rs.getObject(label, String.class));
        // Byte, stream and LOB getters are for text columns (on a number they give its binary form).
        add(seen, () -> {
          byte[] b = rs.getBytes(col);
          return b == null ? null : new String(b, StandardCharsets.UTF_8);
        });
        add(seen, () -> read(rs.getCharacterStream(col)));
        add(seen, () -> read(rs.getCharacterStream(label)));
        add(seen, () -> {
          Clob clob = rs.getClob(col);
          return clob == null ? null : clob.getSubString(1, (int) clob.length());
        });
      }
      // One value when every getter agreed, else all of them: a getter that leaks shows up here.
      boolean same = seen.stream().distinct().count() == 1;
      out.add(label.toLowerCase() + "=" + (same ? seen.get(0) : String.join("/", seen)));
    }
    return String.join("|", out);
  }

  private interface Getter {
    Object get() throws Exception;
  }

  /** Adds what a getter returned; a getter the driver does not implement is left out. */
  private static void add(List<String> seen, Getter g) throws Exception {
    try {
      seen.add(String.valueOf(g.get()));
    } catch (SQLException unsupported) {
      // Drivers differ (getNString missing, getClob on a PostgreSQL text column...): left out, unless
      // it is Cordon refusing to reveal a masked value, which the step must show.
      if ("42501".equals(unsupported.getSQLState())) throw unsupported;
    }
  }

  private static boolean isText(int type) {
    return type == java.sql.Types.VARCHAR || type == java.sql.Types.CHAR || type == java.sql.Types.LONGVARCHAR
        || type == java.sql.Types.NVARCHAR || type == java.sql.Types.NCHAR || type == java.sql.Types.CLOB;
  }

  private static String read(Reader r) throws Exception {
    if (r == null) return null;
    try (r) {
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[256];
      int n;
      while ((n = r.read(buf)) > 0) sb.append(buf, 0, n);
      return sb.toString();
    }
  }
}
