package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/** Woven into {@code java.io.FileInputStream.open(String)}: every FileInputStream, FileReader, Scanner(File). */
public final class FileReadOpenAdvice {
  private FileReadOpenAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(0) String name) {
    Dispatch.fileOpen(name, Dispatch.READ);
  }
}
