package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/** Woven into {@code java.io.FileOutputStream.open(String, boolean)}: every FileOutputStream and FileWriter. */
public final class FileWriteOpenAdvice {
  private FileWriteOpenAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(0) String name) {
    Dispatch.fileOpen(name, Dispatch.WRITE);
  }
}
