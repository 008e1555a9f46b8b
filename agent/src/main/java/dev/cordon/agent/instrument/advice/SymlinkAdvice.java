package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code UnixNativeDispatcher.symlink(byte[], UnixPath)} ({@code Files.createSymbolicLink}):
 * a new link can make a path that was clean lead into a dataset, so cached answers are void.
 */
public final class SymlinkAdvice {
  private SymlinkAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit() {
    Dispatch.filesChanged();
  }
}
