package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import dev.cordon.bootstrap.GovernedCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Woven into {@code RetryingHttpClient.executeAsync}: chains the agent onto the response future. */
public final class ExecuteAsyncAdvice {
  private ExecuteAsyncAdvice() {}

  /** The call was decided in {@code PrepareRequest}: transports below must not decide it again. */
  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request) {
    if (GovernedCall.enter()) request = Dispatch.aiExecute(request, true);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Argument(0) Object request,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object future) {
    GovernedCall.exit();
    if (future != null) future = Dispatch.aiResponseAsync(request, future);
  }
}
