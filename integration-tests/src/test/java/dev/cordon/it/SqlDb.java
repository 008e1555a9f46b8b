package dev.cordon.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The test's own (agent-free) access to a database: set-up before the child JVM runs, checks after. */
final class SqlDb {
  private SqlDb() {}

  static void exec(String url, String user, String password, String... sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
      for (String s : sql) st.execute(s);
    }
  }

  static String one(String url, String user, String password, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** The customer rows every JDBC test starts with. */
  static final String[] CUSTOMERS = {
    "INSERT INTO customers VALUES (1, 'Ann', 'ann@example.com', '4111111111111111', 5000)",
    "INSERT INTO customers VALUES (2, 'Bob', 'bob@example.com', '5500000000000004', 6000)",
    "INSERT INTO customers VALUES (3, 'Cy', 'cy@example.com', '340000000000009', 7000)",
    "INSERT INTO customers VALUES (4, 'Di', 'di@example.com', '30000000000004', 8000)",
    "INSERT INTO customers VALUES (5, 'Ed', 'ed@example.com', '6011000000000004', 9000)",
  };
}
