package dev.cordon.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cordon.bootstrap.Dispatch;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The classes the launcher puts into the boot loader are exactly the boot module's, bar the launcher's own (its loader and the pack reader). */
class BootClassesTest {
  @Test
  void everyBootClassIsDefinedAndNothingElse() throws Exception {
    Path location = Paths.get(Dispatch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> found = new TreeSet<>();
    if (Files.isDirectory(location)) {
      collect(location, found);
    } else {
      try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + location.toUri()), Map.of())) {
        collect(jar.getPath("/"), found);
      }
    }
    found.remove("dev.cordon.bootstrap.AgentLauncher");
    found.removeIf(n -> n.startsWith("dev.cordon.bootstrap.AgentClassLoader") || n.equals("dev.cordon.bootstrap.InstPack"));
    assertEquals(found, new TreeSet<>(BootClasses.NAMES));
  }

  private static void collect(Path root, Set<String> out) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      files.map(p -> root.relativize(p).toString()).filter(n -> n.endsWith(".class") && !n.startsWith("META-INF"))
          .forEach(n -> out.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
    }
  }
}
