package dev.cordon.agent.instrument.advice;

import dev.cordon.CordonAccessDeniedException;
import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code sun.net.www.protocol.http.HttpURLConnection.getInputStream()}: the response body
 * of a governed call is watched. The connection remembers a failure and rethrows it on later calls
 * wrapped in a plain {@code RuntimeException} (which {@code getResponseCode()} lets out): a deny is
 * unwrapped so the application sees {@link CordonAccessDeniedException} itself.
 */
public final class UrlConnectionInputAdvice {
  private UrlConnectionInputAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.This Object connection,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object stream,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    if (thrown != null && thrown.getClass() == RuntimeException.class
        && thrown.getCause() instanceof CordonAccessDeniedException) {
      thrown = thrown.getCause();
    } else {
      stream = Dispatch.wireBody("urlconnection", connection, stream, thrown);
    }
  }
}
