package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code PreparedStatement.executeQuery()} and {@code Statement.getResultSet()}: the SQL
 * was decided earlier (at prepare, or by {@code execute(String)}); a governed read's result set is
 * replaced by a masking, row-limiting, audited view of it.
 */
public final class JdbcResultAdvice {
  private JdbcResultAdvice() {}

  @Advice.OnMethodEnter
  public static Object enter(@Advice.This Object self, @Advice.Origin("#m") String method) {
    return Dispatch.jdbcEnter(self, null, method);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Enter Object token, @Advice.This Object self,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object resultSet,
      @Advice.Thrown Throwable thrown) {
    resultSet = Dispatch.jdbcExit(token, self, resultSet, thrown);
  }
}
