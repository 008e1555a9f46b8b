package dev.cordon.agent.config;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the policy file in the order of spec 1: explicit setting, {@code ./cordon.yaml}, beside the
 * application jar ({@code -jar}), beside the first class-path entry (a directory entry is itself
 * the folder). {@code cordon.json} is accepted wherever {@code cordon.yaml} is.
 */
public final class PolicyLocator {
  private PolicyLocator() {}

  private static final String[] NAMES = {"cordon.yaml", "cordon.json"};

  /** The explicit path (may not exist: that is reported as a broken policy), or the first found, or null. */
  public static Path locate(String explicit) {
    if (explicit != null) return Paths.get(explicit).toAbsolutePath().normalize();
    Path found = inFolder(Paths.get("").toAbsolutePath());
    if (found != null) return found;
    Path appJar = applicationJar();
    if (appJar != null && (found = inFolder(appJar.getParent())) != null) return found;
    Path cp = firstClassPathFolder();
    return cp == null ? null : inFolder(cp);
  }

  private static Path inFolder(Path folder) {
    if (folder == null) return null;
    for (String name : NAMES) {
      Path candidate = folder.resolve(name);
      if (Files.isRegularFile(candidate)) return candidate.toAbsolutePath().normalize();
    }
    return null;
  }

  /** {@code java -jar app.jar}: the launcher puts the jar's path first in {@code sun.java.command}. */
  private static Path applicationJar() {
    String command = System.getProperty("sun.java.command");
    if (command == null || command.isBlank()) return null;
    String first = command.trim().split("\\s+")[0];
    if (!first.endsWith(".jar")) return null;
    Path jar = Paths.get(first).toAbsolutePath();
    return Files.isRegularFile(jar) ? jar : null;
  }

  private static Path firstClassPathFolder() {
    String cp = System.getProperty("java.class.path");
    if (cp == null || cp.isBlank()) return null;
    String first = cp.split(File.pathSeparator)[0];
    if (first.isBlank()) return null;
    Path entry = Paths.get(first).toAbsolutePath();
    return Files.isDirectory(entry) ? entry : entry.getParent();
  }
}
