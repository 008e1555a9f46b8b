package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code Statement.executeQuery(String)}: decided here; the result set of a governed
 * read is replaced by a masking, row-limiting, audited view of it.
 */
public final class JdbcQueryAdvice {
  private JdbcQueryAdvice() {}

  @Advice.OnMethodEnter
  public static Object enter(@Advice.This Object self, @Advice.Argument(0) String sql,
      @Advice.Origin("#m") String method) {
    return Dispatch.jdbcEnter(self, sql, method);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Enter Object token, @Advice.This Object self,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object resultSet,
      @Advice.Thrown Throwable thrown) {
    resultSet = Dispatch.jdbcExit(token, self, resultSet, thrown);
  }
}
