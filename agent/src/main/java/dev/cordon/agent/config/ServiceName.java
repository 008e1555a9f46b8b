package dev.cordon.agent.config;

import java.nio.file.Paths;

/** The {@code service} audit field: the policy's, else {@code CORDON_SERVICE}, else main class or jar name (spec 2). */
public final class ServiceName {
  private ServiceName() {}

  public static String resolve(String fromPolicy) {
    if (fromPolicy != null && !fromPolicy.isBlank()) return fromPolicy;
    String env = System.getenv("CORDON_SERVICE");
    if (env != null && !env.isBlank()) return env.trim();
    String command = System.getProperty("sun.java.command");
    if (command == null || command.isBlank()) return "unknown";
    String first = command.trim().split("\\s+")[0];
    return first.endsWith(".jar") ? Paths.get(first).getFileName().toString() : first;
  }
}
