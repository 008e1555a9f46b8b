package dev.cordon.agent.cli;

/** The command line is wrong (exit 2): unknown command or option, missing or extra argument. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
