package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code UnixNativeDispatcher.rename(UnixPath, UnixPath)} ({@code Files.move}) and
 * {@code java.io.UnixFileSystem.rename(File, File)} ({@code File.renameTo}): both ends are written;
 * afterwards cached path answers are void.
 */
public final class RenameAdvice {
  private RenameAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(0) Object from, @Advice.Argument(1) Object to) {
    Dispatch.fileRename(from, to);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit() {
    Dispatch.filesChanged();
  }
}
