package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code doExecute(target, request, context)} of Apache HttpClient's classic clients (5.x
 * {@code InternalHttpClient} and {@code MinimalHttpClient}; 4.x the same two and
 * {@code AbstractHttpClient}), which every {@code CloseableHttpClient.execute} overload calls on the
 * caller's thread: an AI request is decided before the exec chain runs, and the response is governed
 * before {@code execute} returns it or hands it to a response handler.
 */
public final class ApacheExecuteAdvice {
  private ApacheExecuteAdvice() {}

  @Advice.OnMethodEnter
  public static Object[] enter(@Advice.Argument(0) Object target, @Advice.Argument(1) Object request) {
    return Dispatch.wireRequest("apache", request, target);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Enter Object[] state,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response,
      @Advice.Thrown Throwable thrown) {
    if (state != null) response = Dispatch.wireResponse("apache", state, response, thrown);
  }
}
