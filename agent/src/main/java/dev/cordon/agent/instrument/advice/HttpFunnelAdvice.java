package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import dev.cordon.bootstrap.GovernedCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into a library's own synchronous HTTP funnel ({@code execute(request)} returning the whole
 * response, e.g. LangChain4j's {@code HttpClient}): decides the request on entry (it may be
 * replaced or blocked), marks the thread as inside a governed call, and hands the response to the
 * agent for its usage. Nested funnels on the same thread (a logging decorator around the real
 * client) are left alone. The advice's type name is the client name passed to the agent.
 */
public final class HttpFunnelAdvice {
  private HttpFunnelAdvice() {}

  @Advice.OnMethodEnter
  public static Object enter(@Advice.Origin("#t") String origin,
      @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request) {
    Object sent = Dispatch.enterFunnel(origin, request);
    if (sent != null) request = sent;
    return sent;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Enter Object sent,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response,
      @Advice.Thrown Throwable thrown) {
    GovernedCall.exit();
    if (sent != null) response = Dispatch.aiResponse(sent, response, thrown);
  }
}
