package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Inbound;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code HttpServlet.service(ServletRequest, ServletResponse)} (javax and jakarta): the
 * request is the thread's inbound request while the servlet serves it, for http_header principals.
 * Allocates nothing; the previous request is restored on exit, so forwards and includes nest.
 */
public final class ServletServiceAdvice {
  private ServletServiceAdvice() {}

  @Advice.OnMethodEnter
  public static Object enter(@Advice.Argument(0) Object request) {
    return Inbound.enter(request);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Enter Object previous) {
    Inbound.exit(previous);
  }
}
