package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/** Woven into {@code UnixNativeDispatcher.link(existing, newLink)} ({@code Files.createLink}). */
public final class HardLinkAdvice {
  private HardLinkAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(0) Object existing, @Advice.Argument(1) Object link) {
    Dispatch.fileLink(existing, link);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit() {
    Dispatch.filesChanged();
  }
}
