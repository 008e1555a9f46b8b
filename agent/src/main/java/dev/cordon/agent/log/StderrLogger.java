package dev.cordon.agent.log;

import java.io.PrintStream;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * The agent's only log sink: one line per event on the JVM's original stderr, prefixed
 * {@code [cordon]}. It is bound to the agent's private copy of SLF4J, so the application's logging
 * configuration can neither see nor silence it. Callers never pass secrets or prompts here.
 */
final class StderrLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;
  private static final PrintStream ERR = System.err;
  private static final Level THRESHOLD = threshold();

  StderrLogger(String name) {
    this.name = name;
  }

  private static Level threshold() {
    String v = System.getProperty("cordon.log", "info");
    try {
      return Level.valueOf(v.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Level.INFO;
    }
  }

  private boolean on(Level level) {
    return level.toInt() >= THRESHOLD.toInt();
  }

  @Override public boolean isTraceEnabled() { return on(Level.TRACE); }
  @Override public boolean isDebugEnabled() { return on(Level.DEBUG); }
  @Override public boolean isInfoEnabled() { return on(Level.INFO); }
  @Override public boolean isWarnEnabled() { return on(Level.WARN); }
  @Override public boolean isErrorEnabled() { return on(Level.ERROR); }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
    if (!on(level)) return;
    String text = MessageFormatter.basicArrayFormat(pattern, args);
    String prefix = level == Level.INFO ? "[cordon] " : "[cordon] " + level + " ";
    StringBuilder line = new StringBuilder(prefix).append(text);
    if (t != null) line.append(": ").append(t);
    ERR.println(line);
  }
}
