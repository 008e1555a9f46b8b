package dev.cordon.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The writer: concurrency, back-pressure, flush/close, reopening, unwritable files. */
@Timeout(120)
class AuditLogTest {
  @TempDir Path dir;

  private static void assertVerifies(Path file, long lines) throws Exception {
    AuditVerifier.Result r = AuditVerifier.verify(file);
    assertTrue(r.ok(), r.message());
    assertEquals(lines, r.lines());
  }

  private static List<Thread> start(int threads, Runnable body) {
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(body, "app-" + t);
      th.start();
      ts.add(th);
    }
    return ts;
  }

  @Test
  void eightThreadsFiveThousandEventsEach() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    AuditLog log = AuditLog.open(file, "svc");
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int id = t;
      Thread th = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < 5_000; i++) {
          log.append(AuditEvent.of("model.chat").put("n", i).put("writer", id));
        }
      }, "app-" + t);
      th.start();
      ts.add(th);
    }
    go.countDown();
    for (Thread th : ts) th.join();
    log.close();

    List<String> lines = AuditFiles.lines(file);
    assertEquals(40_000, lines.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      Map<String, Object> f = AuditFiles.fields(lines.get(i));
      assertEquals((long) i + 1, f.get("seq"));
      assertTrue(seen.add(f.get("writer") + "/" + f.get("n")), "duplicate line " + lines.get(i));
    }
    assertVerifies(file, 40_000);
  }

  @Test
  void fullQueueMakesCallersWaitAndLosesNothing() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    AuditLog log = AuditLog.open(file, "svc",
        AuditLog.Options.defaults().withQueueCapacity(2).withFsync(true));
    for (Thread th : start(4, () -> {
      for (int i = 0; i < 300; i++) log.append(AuditEvent.of("a").put("i", i));
    })) {
      th.join();
    }
    log.flush();
    assertEquals(1_200, AuditFiles.lines(file).size(), "flush waits for everything appended");
    log.close();
    assertVerifies(file, 1_200);
  }

  @Test
  void flushWaitsForEverythingAppendedSoFar() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    try (AuditLog log = AuditLog.open(file, "svc")) {
      for (int round = 1; round <= 5; round++) {
        for (int i = 0; i < 1_000; i++) log.append(AuditEvent.of("a"));
        log.flush();
        assertEquals(round * 1_000, AuditFiles.lines(file).size());
      }
      assertTrue(log.flush(Duration.ofSeconds(5)));
    }
  }

  @Test
  void closeIsIdempotentAndFlushes() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    AuditLog log = AuditLog.open(file, "svc");
    for (int i = 0; i < 10_000; i++) log.append(AuditEvent.of("a"));
    log.close();
    assertEquals(10_000, AuditFiles.lines(file).size());
    log.close();
    log.close();
    assertEquals(10_000, AuditFiles.lines(file).size());
    assertVerifies(file, 10_000);
  }

  @Test
  void eventsAfterCloseAreStillWrittenInTheChain() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    AuditLog log = AuditLog.open(file, "svc");
    log.append(AuditEvent.of("before"));
    log.close();
    log.append(AuditEvent.of("after").put("late", true));
    log.flush();
    List<String> lines = AuditFiles.lines(file);
    assertEquals(2, lines.size());
    assertEquals("after", AuditFiles.fields(lines.get(1)).get("action"));
    assertVerifies(file, 2);
  }

  @Test
  void reopeningContinuesSeqAndChain() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    for (int run = 0; run < 3; run++) {
      try (AuditLog log = AuditLog.open(file, "svc")) {
        for (int i = 0; i < 100; i++) log.append(AuditEvent.of("a").put("run", run));
      }
    }
    List<String> lines = AuditFiles.lines(file);
    assertEquals(300, lines.size());
    assertEquals(300L, AuditFiles.fields(lines.get(299)).get("seq"));
    assertVerifies(file, 300);
  }

  @Test
  void twoLogsOnOneFileShareOneChain() throws Exception {
    // e.g. two agents in one JVM, or two JVMs, pointed at the same file.
    Path file = dir.resolve("audit.jsonl");
    AuditLog a = AuditLog.open(file, "a");
    AuditLog b = AuditLog.open(file, "b");
    List<Thread> ts = new ArrayList<>();
    ts.addAll(start(2, () -> {
      for (int i = 0; i < 2_000; i++) a.append(AuditEvent.of("x"));
    }));
    ts.addAll(start(2, () -> {
      for (int i = 0; i < 2_000; i++) b.append(AuditEvent.of("y"));
    }));
    for (Thread th : ts) th.join();
    a.close();
    b.close();
    assertVerifies(file, 8_000);
  }

  @Test
  void tornLastLineIsEndedAndRecorded() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    try (AuditLog log = AuditLog.open(file, "svc")) {
      for (int i = 0; i < 3; i++) log.append(AuditEvent.of("a"));
    }
    // A crash in the middle of writing line 4.
    Files.writeString(file, "{\"ts\":\"2026-01-01T00:00:00.000Z\",\"seq\":4,\"serv",
        StandardOpenOption.APPEND);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (AuditLog log = AuditLog.open(file, "svc", AuditLog.Options.defaults(),
        new PrintStream(err, true, StandardCharsets.UTF_8))) {
      log.append(AuditEvent.of("b"));
    }
    List<String> lines = AuditFiles.lines(file);
    assertEquals(6, lines.size());
    Map<String, Object> torn = AuditFiles.fields(lines.get(4));
    assertEquals("agent.error", torn.get("action"));
    assertEquals("audit_torn_line", torn.get("error"));
    assertEquals(4L, torn.get("seq"));
    assertEquals(5L, AuditFiles.fields(lines.get(5)).get("seq"));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("[cordon] "));
    AuditVerifier.Result r = AuditVerifier.verify(file);
    assertTrue(r.ok(), r.message());
    assertEquals(1, r.tornLines());
  }

  @Test
  void lineCutJustBeforeItsNewlineIsKept() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    try (AuditLog log = AuditLog.open(file, "svc")) {
      log.append(AuditEvent.of("a"));
      log.append(AuditEvent.of("b"));
    }
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length - 1));
    try (AuditLog log = AuditLog.open(file, "svc")) {
      log.append(AuditEvent.of("c"));
    }
    List<String> lines = AuditFiles.lines(file);
    assertEquals(3, lines.size());
    assertEquals("c", AuditFiles.fields(lines.get(2)).get("action"));
    assertVerifies(file, 3);
  }

  @Test
  void unwritableFileWarnsOnceNeverThrowsAndRecovers() throws Exception {
    Path blocker = dir.resolve("logs");
    Files.writeString(blocker, "a file where the log folder should be");
    Path file = blocker.resolve("audit.jsonl");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AuditLog log = AuditLog.open(file, "svc", AuditLog.Options.defaults(),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    for (int i = 0; i < 50; i++) log.append(AuditEvent.of("a").put("i", i));
    Thread.sleep(500); // several retries happen meanwhile
    String warnings = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, warnings.lines().count(), warnings);
    assertTrue(warnings.startsWith("[cordon] audit log "), warnings);

    Files.delete(blocker); // the operator fixes the problem
    log.flush();
    log.close();
    List<String> lines = AuditFiles.lines(file);
    Map<String, Object> first = AuditFiles.fields(lines.get(0));
    assertEquals("agent.error", first.get("action"));
    assertEquals("audit_write_failed", first.get("error"));
    assertEquals(51, lines.size());
    assertVerifies(file, 51);
    assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
  }

  @Test
  void fullQueueWhileFileIsBrokenCountsInsteadOfFreezing() throws Exception {
    Path blocker = dir.resolve("logs");
    Files.writeString(blocker, "x");
    Path file = blocker.resolve("audit.jsonl");
    AuditLog log = AuditLog.open(file, "svc",
        AuditLog.Options.defaults().withQueueCapacity(8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    for (int i = 0; i < 200; i++) log.append(AuditEvent.of("a")); // must not hang
    Files.delete(blocker);
    log.flush();
    log.close();
    long lost = 0;
    long written = 0;
    for (String line : AuditFiles.lines(file)) {
      Map<String, Object> f = AuditFiles.fields(line);
      if ("audit_events_lost".equals(f.get("error"))) lost += (Long) f.get("lost_events");
      if ("a".equals(f.get("action"))) written++;
    }
    assertEquals(200, lost + written, "every event is either written or counted as lost");
    assertTrue(lost > 0);
    assertVerifies(file, AuditFiles.lines(file).size());
  }

  @Test
  void writerThreadIsNamedAndDaemon() throws Exception {
    try (AuditLog log = AuditLog.open(dir.resolve("a.jsonl"), "svc")) {
      log.append(AuditEvent.of("a"));
      log.flush();
      boolean found = Thread.getAllStackTraces().keySet().stream()
          .anyMatch(t -> t.getName().equals("cordon-audit") && t.isDaemon());
      assertTrue(found);
    }
  }
}
