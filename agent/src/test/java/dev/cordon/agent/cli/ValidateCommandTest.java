package dev.cordon.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir Path dir;

  @Test
  void validPolicy() {
    String file = CliRun.resource("cordon.yaml");
    CliRun r = CliRun.of("validate", file);
    assertEquals(0, r.code(), r.toString());
    assertEquals("OK: " + file + " (3 principals, 2 models, 2 datasets, 4 rules)\n", r.out());
    assertEquals("", r.err());
  }

  @Test
  void everyProblemWithFileLineAndColumn() {
    String file = CliRun.resource("broken.yaml");
    CliRun r = CliRun.of("validate", file);
    assertEquals(1, r.code(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertEquals(3, lines.size(), r.toString());
    assertTrue(lines.get(0).startsWith(file + ":6:5: unknown key 'colour'"), lines.get(0));
    assertTrue(lines.get(1).startsWith(file + ":10:18: "), lines.get(1));
    assertTrue(lines.get(1).contains("'ghost'"), lines.get(1));
    assertTrue(lines.get(2).startsWith(file + ":12:17: "), lines.get(2));
    for (String line : lines) assertTrue(line.matches(".+:\\d+:\\d+: .+"), line);
  }

  @Test
  void syntaxErrorIsLocated() throws Exception {
    Path p = dir.resolve("cordon.yaml");
    Files.writeString(p, "version: 1\nmode: enforce\nrules: [\n");
    CliRun r = CliRun.of("validate", p.toString());
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().startsWith(p + ":"), r.toString());
  }

  @Test
  void jsonPolicy() throws Exception {
    Path p = dir.resolve("cordon.json");
    Files.writeString(p, "{\"version\": 1, \"mode\": \"monitor\"}");
    CliRun r = CliRun.of("validate", p.toString());
    assertEquals(0, r.code(), r.toString());
    assertEquals("OK: " + p + " (0 principals, 0 models, 0 datasets, 0 rules)\n", r.out());
  }

  @Test
  void missingFileIsAnInputError() {
    String file = dir.resolve("nope.yaml").toString();
    CliRun r = CliRun.of("validate", file);
    assertEquals(2, r.code(), r.toString());
    assertEquals("cordon: cannot read " + file + ": no such file\n", r.err());
  }
}
