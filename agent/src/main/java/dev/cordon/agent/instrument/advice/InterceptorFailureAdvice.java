package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/** Woven into the AWS SDK v2's {@code ExecutionInterceptorChain.onExecutionFailure}: ends a governed call that failed. */
public final class InterceptorFailureAdvice {
  private InterceptorFailureAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(0) Object failed, @Advice.Argument(1) Object attributes) {
    Dispatch.aiResponse(attributes, failed, null);
  }
}
