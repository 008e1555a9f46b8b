package dev.cordon.agent.instrument.advice;

import dev.cordon.CordonAccessDeniedException;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code HttpClientImpl.send}: a deny that reached the response future (a response
 * blocked for its tool calls) comes out of {@code send} re-wrapped in a plain
 * {@code SecurityException}; the application gets {@link CordonAccessDeniedException} itself.
 */
public final class JdkSendAdvice {
  private JdkSendAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Thrown(readOnly = false) Throwable thrown) {
    if (thrown != null && thrown.getClass() == SecurityException.class
        && thrown.getCause() instanceof CordonAccessDeniedException) {
      thrown = thrown.getCause();
    }
  }
}
