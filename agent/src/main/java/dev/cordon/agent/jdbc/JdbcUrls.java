package dev.cordon.agent.jdbc;

import dev.cordon.agent.data.WeakIdentityMap;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The JDBC URL a statement runs against, which is what the policy's {@code jdbc.url} globs match.
 * Asked of the connection once ({@code getMetaData().getURL()}: every driver and pool answers it
 * without a round trip) and remembered per connection object.
 */
final class JdbcUrls {
  /** No URL could be had: the connection is closed, or the driver does not say. */
  static final String UNKNOWN = "";

  private final WeakIdentityMap<Object, String> byConnection = new WeakIdentityMap<>();

  /** The connection behind {@code self} (a Connection or a Statement), or null when it cannot be had. */
  static Connection connectionOf(Object self) throws SQLException {
    if (self instanceof Connection c) return c;
    if (self instanceof Statement s) return s.getConnection();
    return null;
  }

  String urlOf(Connection c) {
    if (c == null) return UNKNOWN;
    String url = byConnection.get(c);
    if (url != null) return url;
    try {
      DatabaseMetaData md = c.getMetaData();
      url = md == null ? null : md.getURL();
    } catch (SQLException | RuntimeException e) {
      url = null;
    }
    if (url == null) return UNKNOWN; // not remembered: a closed connection cannot say, a later one may
    byConnection.put(c, url);
    return url;
  }
}
