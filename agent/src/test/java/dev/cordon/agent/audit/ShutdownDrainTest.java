package dev.cordon.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The shutdown hook drains the queue: a JVM that exits without close() loses nothing. */
class ShutdownDrainTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"exit", "return"})
  void nothingIsLostWhenTheJvmEnds(String how) throws Exception {
    Path file = dir.resolve("audit.jsonl");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        ExitingApp.class.getName(), file.toString(), "20000", how)
        .redirectErrorStream(true)
        .start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);
    List<String> lines = AuditFiles.lines(file);
    assertEquals(20_000, lines.size(), output);
    AuditVerifier.Result r = AuditVerifier.verify(file);
    assertTrue(r.ok(), r.message());
  }
}
