package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code Connection.prepareStatement(String..)} and {@code prepareCall(String..)}: the SQL
 * is decided here, once; the statement returned remembers the plan for its executions.
 */
public final class JdbcPrepareAdvice {
  private JdbcPrepareAdvice() {}

  @Advice.OnMethodEnter
  public static Object enter(@Advice.This Object self, @Advice.Argument(0) String sql,
      @Advice.Origin("#m") String method) {
    return Dispatch.jdbcEnter(self, sql, method);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Enter Object token, @Advice.This Object self, @Advice.Return Object statement,
      @Advice.Thrown Throwable thrown) {
    Dispatch.jdbcExit(token, self, statement, thrown);
  }
}
