package dev.cordon.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cordon.agent.audit.AuditEvent;
import dev.cordon.agent.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifyCommandTest {
  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void fiveLines() {
    file = dir.resolve("cordon-audit.jsonl");
    try (AuditLog log = AuditLog.open(file, "svc")) {
      for (int i = 0; i < 5; i++) log.append(AuditEvent.of("model.chat").put("n", i));
    }
  }

  @Test
  void intactChain() {
    CliRun r = CliRun.of("audit", "verify", file.toString());
    assertEquals(0, r.code(), r.toString());
    assertEquals("OK: 5 lines, chain intact\n", r.out());
  }

  @Test
  void editedLine() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    lines.set(2, lines.get(2).replace("\"n\":2", "\"n\":7"));
    Files.write(file, lines, StandardCharsets.UTF_8);
    CliRun r = CliRun.of("audit", "verify", file.toString());
    assertEquals(1, r.code(), r.toString());
    assertEquals("line 3: hash does not match its content (edited)\n", r.out());
  }

  @Test
  void deletedLine() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    lines.remove(1);
    Files.write(file, lines, StandardCharsets.UTF_8);
    CliRun r = CliRun.of("audit", "verify", file.toString());
    assertEquals(1, r.code(), r.toString());
    assertEquals("line 2: seq 3 follows 1 (a line was deleted)\n", r.out());
  }

  @Test
  void missingFile() {
    CliRun r = CliRun.of("audit", "verify", dir.resolve("none.jsonl").toString());
    assertEquals(2, r.code(), r.toString());
    assertEquals("", r.out());
  }
}
