package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code sun.nio.fs.UnixNativeDispatcher.open(UnixPath, int flags, int mode)}, where every
 * NIO open ends: {@code Files.*}, {@code FileChannel.open}, {@code AsynchronousFileChannel.open},
 * streams and readers from {@code Files}, and both ends of {@code Files.copy}.
 */
public final class NativeOpenAdvice {
  private NativeOpenAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(0) Object path, @Advice.Argument(1) int flags) {
    Dispatch.fileOpenNative(path, flags);
  }
}
