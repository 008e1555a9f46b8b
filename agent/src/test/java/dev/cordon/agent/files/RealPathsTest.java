package dev.cordon.agent.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealPathsTest {
  @TempDir
  Path dir;

  @Test
  void followsLinksDotsAndProcSelfRootLikeTheKernel() throws Exception {
    Path real = dir.toRealPath();
    Path data = Files.createDirectories(real.resolve("data/prod"));
    Path file = Files.writeString(data.resolve("c.csv"), "x");
    Files.createSymbolicLink(real.resolve("link"), data);
    Files.createSymbolicLink(real.resolve("dangling.csv"), data.resolve("new.csv"));
    assertEquals(file.toString(), RealPaths.resolve(real + "/link/c.csv", true));
    assertEquals(file.toString(), RealPaths.resolve(real + "/data/../data/./prod/c.csv", true));
    assertEquals(file.toString(), RealPaths.resolve("/proc/self/root" + file, true));
    assertEquals(data.resolve("new.csv").toString(), RealPaths.resolve(real + "/dangling.csv", true),
        "a write through a dangling link lands at its target");
    assertEquals(real.resolve("dangling.csv").toString(), RealPaths.resolve(real + "/dangling.csv", false),
        "unlink and rename act on the link itself");
    assertEquals(data.resolve("missing/x.csv").toString(), RealPaths.resolve(real + "/link/missing/x.csv", true));
  }
}
