package dev.cordon.agent.principal;

/**
 * Frames that never decide who is calling (spec 3): the JDK, Cordon itself, and the libraries Cordon
 * intercepts together with their runtime internals. Without this a broad pattern such as
 * {@code com.**} would capture an SDK's own frames.
 */
final class FrameFilter {
  private FrameFilter() {}

  private static final String[] SKIPPED = {
    "java.", "javax.", "jdk.", "sun.", "com.sun.",
    "dev.cordon.agent.", "dev.cordon.bootstrap.", "dev.cordon.policy.", "dev.cordon.redact.",
    "kotlin.", "kotlinx.", "com.fasterxml.jackson.", "okhttp3.", "okio.",
    "com.openai.", "com.anthropic.", "com.google.genai.", "software.amazon.awssdk.",
    "dev.langchain4j.", "org.springframework.ai.", "reactor.", "io.netty.", "io.projectreactor.",
    "org.apache.hc.", "org.apache.http.", "com.zaxxer.hikari.", "org.h2.", "org.sqlite.", "org.postgresql.",
    // Other common JDBC drivers and pools (Cordon weaves any driver).
    "com.mysql.", "org.mariadb.jdbc.", "oracle.jdbc.", "com.microsoft.sqlserver.", "org.hsqldb.", "org.apache.derby.",
    "com.ibm.db2.", "org.apache.commons.dbcp2.", "org.apache.tomcat.jdbc.", "com.mchange.v2.",
  };

  /** Answers per class name, remembered: every governed call asks for the same dozen frames. */
  private static final java.util.concurrent.ConcurrentHashMap<String, Boolean> KNOWN = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int KNOWN_LIMIT = 16_384;

  static boolean skipped(String className) {
    Boolean known = KNOWN.get(className);
    if (known != null) return known;
    boolean skip = byPrefix(className);
    if (KNOWN.size() < KNOWN_LIMIT) KNOWN.putIfAbsent(className, skip);
    return skip;
  }

  private static boolean byPrefix(String className) {
    for (String prefix : SKIPPED) {
      if (className.startsWith(prefix)) return true;
    }
    return false;
  }
}
