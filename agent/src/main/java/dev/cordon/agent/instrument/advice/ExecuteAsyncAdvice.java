package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Woven into {@code RetryingHttpClient.executeAsync}: chains the agent onto the response future. */
public final class ExecuteAsyncAdvice {
  private ExecuteAsyncAdvice() {}

  @Advice.OnMethodExit
  public static void exit(@Advice.Argument(0) Object request,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object future) {
    future = Dispatch.aiResponseAsync(request, future);
  }
}
