package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import dev.cordon.bootstrap.GovernedCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Woven into {@code RetryingHttpClient.execute}: hands the response (or failure) of a governed call to the agent. */
public final class ExecuteAdvice {
  private ExecuteAdvice() {}

  /** The call was decided in {@code PrepareRequest}: transports below must not decide it again. */
  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request) {
    if (GovernedCall.enter()) request = Dispatch.aiExecute(request, false);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Argument(0) Object request,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response,
      @Advice.Thrown Throwable thrown) {
    GovernedCall.exit();
    response = Dispatch.aiResponse(request, response, thrown);
  }
}
