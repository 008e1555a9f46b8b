package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import java.util.Set;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code sun.nio.fs.UnixSecureDirectoryStream}: its opens, deletes and moves go through
 * {@code openat}/{@code unlinkat}/{@code renameat} relative to the stream's directory, past the
 * path-based funnels, so they are decided here on the rebuilt path.
 */
public final class SecureDirectoryAdvice {
  private SecureDirectoryAdvice() {}

  /** On the constructor: remember the directory. */
  public static final class Opened {
    private Opened() {}

    @Advice.OnMethodExit
    public static void exit(@Advice.This Object stream, @Advice.Argument(0) Object directory) {
      Dispatch.fileDirectoryOpened(stream, directory);
    }
  }

  /** On {@code newByteChannel(name, options, attrs...)}. */
  public static final class Open {
    private Open() {}

    @Advice.OnMethodEnter
    public static void enter(@Advice.This Object stream, @Advice.Argument(0) Object name,
        @Advice.Argument(1) Set<?> options) {
      Dispatch.fileOpenInDirectory(stream, name, options);
    }
  }

  /** On {@code deleteFile(name)} and {@code deleteDirectory(name)}. */
  public static final class Delete {
    private Delete() {}

    @Advice.OnMethodEnter
    public static void enter(@Advice.This Object stream, @Advice.Argument(0) Object name) {
      Dispatch.fileDeleteInDirectory(stream, name);
    }
  }

  /** On {@code move(name, targetDirectory, targetName)}. */
  public static final class Move {
    private Move() {}

    @Advice.OnMethodEnter
    public static void enter(@Advice.This Object stream, @Advice.Argument(0) Object from,
        @Advice.Argument(1) Object targetStream, @Advice.Argument(2) Object to) {
      Dispatch.fileMoveInDirectory(stream, from, targetStream, to);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit() {
      Dispatch.filesChanged();
    }
  }
}
