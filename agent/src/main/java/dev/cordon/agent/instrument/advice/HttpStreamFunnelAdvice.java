package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import dev.cordon.bootstrap.GovernedCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into a library's streaming HTTP funnel ({@code execute(request, parser, listener)} in
 * LangChain4j): decides the request on entry, replaces the body parser with one that reads the
 * body as governed (tool gate, output redaction, usage) and the event listener (the last argument)
 * with one that reports the end of the stream. See {@link HttpFunnelAdvice}.
 */
public final class HttpStreamFunnelAdvice {
  private HttpStreamFunnelAdvice() {}

  @Advice.OnMethodEnter
  public static Object enter(@Advice.Origin("#t") String origin,
      @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request,
      @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object parser,
      @Advice.Argument(value = 2, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object listener) {
    Object sent = Dispatch.enterFunnel(origin, request);
    if (sent != null) {
      request = sent;
      parser = Dispatch.funnelParser(sent, parser);
      listener = Dispatch.funnelListener(sent, listener);
    }
    return sent;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit() {
    GovernedCall.exit();
  }
}
