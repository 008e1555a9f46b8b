package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * Woven into JDBC methods that carry SQL and return no result set: {@code Statement.execute(String..)},
 * {@code executeUpdate(String..)}, {@code executeLargeUpdate(String..)}, {@code addBatch(String)},
 * {@code Connection.nativeSQL(String)}. A denied statement is thrown before the driver runs.
 */
public final class JdbcSqlAdvice {
  private JdbcSqlAdvice() {}

  @Advice.OnMethodEnter
  public static Object enter(@Advice.This Object self, @Advice.Argument(0) String sql,
      @Advice.Origin("#m") String method) {
    return Dispatch.jdbcEnter(self, sql, method);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Enter Object token, @Advice.This Object self, @Advice.Thrown Throwable thrown) {
    Dispatch.jdbcExit(token, self, null, thrown);
  }
}
