package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code java.io.RandomAccessFile.open(String, int)}: RandomAccessFile, its channel and
 * memory maps, and {@code ZipFile}/{@code JarFile}, which read archives through it.
 */
public final class RandomAccessOpenAdvice {
  private RandomAccessOpenAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(0) String name, @Advice.Argument(1) int mode) {
    Dispatch.fileOpenRandomAccess(name, mode);
  }
}
