package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code UnixNativeDispatcher.unlink/rmdir(UnixPath)} ({@code Files.delete}, and the
 * delete that {@code Files.copy(.., REPLACE_EXISTING)} does first) and {@code java.io.UnixFileSystem
 * .delete(File)} ({@code File.delete}): removing a dataset's file is writing to it.
 */
public final class DeleteAdvice {
  private DeleteAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(0) Object path) {
    Dispatch.fileDelete(path);
  }
}
