package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into the AWS SDK v2's {@code ExecutionInterceptorChain.modifyHttpResponse} and
 * {@code modifyAsyncHttpResponse}: the agent may return a context whose response body (stream or
 * publisher) reports token usage as the SDK reads it. Keyed by the execution's attributes.
 */
public final class InterceptorResponseAdvice {
  private InterceptorResponseAdvice() {}

  @Advice.OnMethodExit
  public static void exit(@Advice.Argument(1) Object attributes,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object context) {
    context = Dispatch.aiResponse(attributes, context, null);
  }
}
