package dev.cordon.agent.audit;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link ShutdownDrainTest}: appends and then leaves without closing the log,
 * either through {@code System.exit} or by returning from {@code main}.
 */
public final class ExitingApp {
  private ExitingApp() {}

  public static void main(String[] args) {
    AuditLog log = AuditLog.open(Path.of(args[0]), "exiting-app");
    int n = Integer.parseInt(args[1]);
    for (int i = 0; i < n; i++) log.append(AuditEvent.of("model.chat").put("i", i));
    if (args[2].equals("exit")) System.exit(0);
  }
}
