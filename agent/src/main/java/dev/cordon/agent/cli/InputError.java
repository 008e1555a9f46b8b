package dev.cordon.agent.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Words for an input file that cannot be read; the JDK's messages are often just the path. */
final class InputError {
  private InputError() {}

  static String describe(String file, IOException e) {
    String why;
    if (e instanceof NoSuchFileException) {
      why = "no such file";
    } else if (e instanceof AccessDeniedException) {
      why = "permission denied";
    } else if (e.getMessage() == null || e.getMessage().equals(file)) {
      why = e.getClass().getSimpleName();
    } else {
      why = e.getMessage();
    }
    return "cordon: cannot read " + file + ": " + why;
  }
}
