package dev.cordon.agent.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's logger, created on first use: SLF4J's provider lookup costs tens of milliseconds, so
 * it must not run on the application's main thread during {@code premain}.
 */
public final class Log {
  private Log() {}

  private static final class Holder {
    static final Logger LOGGER = LoggerFactory.getLogger("cordon");
  }

  public static Logger get() {
    return Holder.LOGGER;
  }
}
