package dev.cordon.agent.jdbc;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.rowset.serial.SerialBlob;
import javax.sql.rowset.serial.SerialClob;

/**
 * A governed query's result set as the application sees it: a {@link Proxy} over the driver's (or
 * pool's) result set that masks column values on their way out through every getter, by index and
 * by label, stops after {@code max_rows}, and writes the audit entries with the rows returned when
 * it is done. Everything else goes straight to the real result set.
 *
 * <p>A masked column read through a getter that cannot carry the mask (a number, a date...) is
 * refused with an SQLException rather than revealed; {@code REDACT} there reads as SQL NULL.
 * {@code unwrap} to anything beyond {@link ResultSet} is refused while masks or a row limit are in
 * force: the driver's own class would bypass them.
 */
final class GovernedResultSet implements InvocationHandler {
  private static final Set<String> COLUMN_GETTERS = Set.of("getString", "getNString", "getObject", "getBytes",
      "getCharacterStream", "getNCharacterStream", "getAsciiStream", "getUnicodeStream", "getBinaryStream",
      "getClob", "getNClob", "getBlob", "getBoolean", "getByte", "getShort", "getInt", "getLong", "getFloat",
      "getDouble", "getBigDecimal", "getDate", "getTime", "getTimestamp", "getRef", "getArray", "getURL",
      "getRowId", "getSQLXML");
  private static final Set<String> SCROLLS = Set.of("absolute", "relative", "last", "afterLast", "previous");

  private final ResultSet rs;
  private final String[] ops;
  private final boolean[] characterColumn;
  private final String[] labels;
  private final MaskOperators operators;
  private final long maxRows;
  private final long wouldMaxRows;
  private final ReadAudit audit;
  private long rows;
  private boolean wouldTruncate;
  /** wasNull() after a masked getter: the mask's answer, not the driver's. */
  private Boolean maskedWasNull;

  private GovernedResultSet(ResultSet rs, String[] ops, boolean[] characterColumn, String[] labels,
      MaskOperators operators, long maxRows, long wouldMaxRows, ReadAudit audit) {
    this.rs = rs;
    this.ops = ops;
    this.characterColumn = characterColumn;
    this.labels = labels;
    this.operators = operators;
    this.maxRows = maxRows;
    this.wouldMaxRows = wouldMaxRows;
    this.audit = audit;
  }

  static ResultSet wrap(ResultSet rs, String[] ops, boolean[] characterColumn, String[] labels,
      MaskOperators operators, long maxRows, long wouldMaxRows, ReadAudit audit) {
    GovernedResultSet h = new GovernedResultSet(rs, ops, characterColumn, labels, operators, maxRows, wouldMaxRows,
        audit);
    return (ResultSet) Proxy.newProxyInstance(GovernedResultSet.class.getClassLoader(),
        new Class<?>[] {ResultSet.class}, h);
  }

  private boolean restricted() {
    if (maxRows >= 0) return true;
    for (String op : ops) if (op != null) return true;
    return false;
  }

  @Override
  public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
    String name = m.getName();
    switch (name) {
      case "next":
        return next();
      case "close":
        try {
          return call(m, args);
        } finally {
          audit.finish(rows, false, wouldTruncate, null);
        }
      case "wasNull":
        if (maskedWasNull != null) return maskedWasNull;
        return call(m, args);
      case "unwrap":
        if (args[0] instanceof Class<?> c && c.isInstance(proxy)) return proxy;
        if (restricted()) throw new SQLException("Cordon governs this result set (masks or a row limit are in force);"
            + " unwrapping it to " + args[0] + " would bypass them");
        return call(m, args);
      case "isWrapperFor":
        if (args[0] instanceof Class<?> c && c.isInstance(proxy)) return true;
        if (restricted()) return false;
        return call(m, args);
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "Cordon(" + rs + ")";
      default:
        break;
    }
    if (maxRows >= 0 && SCROLLS.contains(name)) {
      throw new SQLException("Cordon limits this result set to " + maxRows + " rows; " + name + "() is not allowed on it");
    }
    if (args != null && args.length >= 1 && COLUMN_GETTERS.contains(name)
        && (args[0] instanceof Integer || args[0] instanceof String)) {
      int col = args[0] instanceof Integer i ? i : rs.findColumn((String) args[0]);
      String op = col > 0 && col < ops.length ? ops[col] : null;
      if (op != null) return masked(m, args, col, op);
      maskedWasNull = null;
    }
    return call(m, args);
  }

  private Object next() throws SQLException {
    maskedWasNull = null;
    if (maxRows >= 0 && rows >= maxRows) {
      audit.finish(rows, true, false, null);
      return false;
    }
    boolean more = rs.next();
    if (more) {
      rows++;
      audit.progress(rows);
      if (wouldMaxRows >= 0 && rows > wouldMaxRows) wouldTruncate = true;
    } else {
      audit.finish(rows, false, wouldTruncate, null);
    }
    return more;
  }

  private Object masked(Method m, Object[] args, int col, String op) throws SQLException {
    String raw = rs.getString(col);
    String value = raw == null ? null : operators.apply(op, raw, labels[col], characterColumn[col]);
    maskedWasNull = value == null;
    Class<?> type = m.getReturnType();
    String name = m.getName();
    if (value == null && !type.isPrimitive()) return null;
    switch (name) {
      case "getString", "getNString":
        return value;
      case "getObject":
        if (args.length == 2 && args[1] instanceof Class<?> want && !want.isAssignableFrom(String.class)) {
          throw refused(col, op, name + "(" + want.getSimpleName() + ")");
        }
        return value;
      case "getBytes":
        return value.getBytes(StandardCharsets.UTF_8);
      case "getCharacterStream", "getNCharacterStream":
        return new StringReader(value);
      case "getAsciiStream", "getUnicodeStream", "getBinaryStream":
        return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
      case "getClob":
        return new SerialClob(value.toCharArray());
      case "getNClob":
        return nclob(new SerialClob(value.toCharArray()));
      case "getBlob":
        return new SerialBlob(value.getBytes(StandardCharsets.UTF_8));
      default:
        if (value == null) return zero(type); // REDACT on a non-character column reads as SQL NULL
        throw refused(col, op, name);
    }
  }

  private SQLException refused(int col, String op, String getter) {
    return new SQLException("column " + labels[col] + " is masked by Cordon (" + op + "); " + getter
        + " cannot carry a masked value: read it with getString or getObject", "42501");
  }

  private static Object zero(Class<?> type) {
    if (type == boolean.class) return false;
    if (type == byte.class) return (byte) 0;
    if (type == short.class) return (short) 0;
    if (type == int.class) return 0;
    if (type == long.class) return 0L;
    if (type == float.class) return 0f;
    if (type == double.class) return 0d;
    return null;
  }

  private static NClob nclob(Clob clob) {
    return (NClob) Proxy.newProxyInstance(GovernedResultSet.class.getClassLoader(), new Class<?>[] {NClob.class},
        (p, m, a) -> {
          try {
            return m.invoke(clob, a);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private Object call(Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(rs, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
