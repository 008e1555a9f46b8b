package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into a library's retry loop ({@code withRetry(Callable, int)} in LangChain4j), which would
 * otherwise retry a denied call, sleeping and auditing a deny per attempt: the callable is wrapped so
 * that a deny leaves the loop at once as the library's non-retriable exception, and on the way out
 * the application gets Cordon's own exception back.
 */
public final class NoRetryOnDenyAdvice {
  private NoRetryOnDenyAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.Origin Class<?> owner,
      @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object callable) {
    callable = Dispatch.aiNoRetryOnDeny(callable, owner);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Thrown(readOnly = false) Throwable thrown) {
    thrown = Dispatch.unwrapDeny(thrown);
  }
}
