package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into the AWS SDK v2's {@code ExecutionInterceptorChain.modifyHttpRequestAndHttpContent}:
 * the marshalled HTTP request of every operation passes here once, before it is signed, on the
 * caller's thread (sync and async). The agent decides Bedrock Runtime calls and may return a context
 * with another body; the execution's attributes object links the call to its response.
 */
public final class InterceptorChainAdvice {
  private InterceptorChainAdvice() {}

  @Advice.OnMethodExit
  public static void exit(@Advice.Origin("#t") String origin, @Advice.Argument(1) Object attributes,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object context) {
    context = Dispatch.aiRequestPrepared(origin, context, attributes);
  }
}
