package dev.cordon.agent.runtime;

import dev.cordon.agent.jdbc.JdbcGovernor;
import dev.cordon.bootstrap.Hooks;

/**
 * The JDBC side of the hooks, built by {@link CordonHooks} on the first JDBC hook: the governor, and
 * what an internal fault on a JDBC path turns into.
 */
final class JdbcRoute {
  private final JdbcGovernor jdbc;
  private final Hooks faults;

  JdbcRoute(AgentRuntime runtime, Hooks faults) {
    this.jdbc = new JdbcGovernor(runtime);
    this.faults = faults;
  }

  Object enter(Object self, String sql, String method) {
    try {
      return jdbc.enter(self, sql, method);
    } catch (RuntimeException e) {
      return fault("jdbc.statement", e);
    }
  }

  Object exit(Object token, Object self, Object returned, Throwable thrown) {
    try {
      return jdbc.exit(token, self, returned, thrown);
    } catch (java.sql.SQLException | RuntimeException e) {
      Object f = fault("jdbc.result", e);
      if (f == null) return returned;
      // Failing closed after the query ran: the application must not get an unmasked result set.
      if (returned instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception ignored) {
          // the fault is what gets reported
        }
      }
      throw dev.cordon.agent.data.Sneaky.raise((Throwable) f);
    }
  }

  /**
   * An internal fault on a JDBC path: audited; failing closed, the statement gets what a denied one
   * gets (an SQLException with SQLState 42501), so JDBC code handles it the way it handles a deny.
   */
  private Object fault(String where, Exception e) {
    RuntimeException closed = faults.fault(where, e);
    if (closed == null) return null;
    return new java.sql.SQLSyntaxErrorException("Cordon failed closed: internal error while governing this statement ("
        + e.getClass().getName() + "); it was not run", "42501");
  }
}
