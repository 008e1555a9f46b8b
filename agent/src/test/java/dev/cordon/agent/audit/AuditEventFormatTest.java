package dev.cordon.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact shape of a line: member order, required members, byte-exact hash, escaping. */
class AuditEventFormatTest {
  @TempDir Path dir;

  private List<String> writeAll(AuditEvent... events) throws Exception {
    Path file = dir.resolve("audit.jsonl");
    try (AuditLog log = AuditLog.open(file, "svc")) {
      for (AuditEvent e : events) log.append(e);
    }
    return AuditFiles.lines(file);
  }

  @Test
  void membersAreWrittenInTheFixedOrder() throws Exception {
    Map<String, Long> redactions = new LinkedHashMap<>();
    redactions.put("EMAIL", 2L);
    Map<String, Long> usage = new LinkedHashMap<>();
    usage.put("input_tokens", 12L);
    usage.put("output_tokens", 34L);
    // Put in scrambled order on purpose; the line must come out in spec order.
    AuditEvent e = AuditEvent.of("model.chat")
        .put("custom_b", "x")
        .putObject("usage", usage)
        .put("rule", "support-chat")
        .put("outcome", "redacted")
        .put("decision", "allow")
        .put("model", "gpt-4o-mini")
        .put("provider", "openai")
        .put("resource", "model:chat-small")
        .put("caller", "com.acme.Bot.answer(Bot.java:42)")
        .put("principal", "support-bot")
        .put("mode", "enforce")
        .putObject("redactions", redactions)
        .put("prompt_sha256", "ab".repeat(32))
        .put("endpoint", "api.openai.com:443")
        .put("custom_a", 7)
        .put("streamed", true);
    String line = writeAll(e).get(0);
    List<String> keys = new ArrayList<>(AuditFiles.fields(line).keySet());
    assertEquals(List.of("ts", "seq", "service", "pid", "thread", "principal", "caller", "action",
        "resource", "provider", "model", "endpoint", "decision", "outcome", "rule", "mode",
        "redactions", "prompt_sha256", "usage", "custom_b", "custom_a", "streamed", "prev", "hash"),
        keys);
    assertTrue(line.contains(",\"redactions\":{\"EMAIL\":2},"), line);
    assertTrue(line.contains(",\"usage\":{\"input_tokens\":12,\"output_tokens\":34},"), line);
    assertTrue(line.contains(",\"custom_a\":7,\"streamed\":true,"), line);
  }

  @Test
  void whereAndWhenAreFilledIn() throws Exception {
    String line = writeAll(AuditEvent.of("policy.load")).get(0);
    Map<String, Object> f = AuditFiles.fields(line);
    assertTrue(((String) f.get("ts")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
        line);
    assertEquals(1L, f.get("seq"));
    assertEquals("svc", f.get("service"));
    assertEquals(ProcessHandle.current().pid(), f.get("pid"));
    assertEquals(Thread.currentThread().getName(), f.get("thread"));
    assertEquals("0".repeat(64), f.get("prev"));
    assertFalse(f.containsKey("rule"), "rule is only forced onto decision events");
  }

  @Test
  void timestampAlwaysHasMilliseconds() throws Exception {
    // Instant.toString() would drop ".000"; the format must not.
    for (int i = 0; i < 50; i++) {
      String ts = (String) AuditFiles.fields(writeAllFresh(i)).get("ts");
      assertEquals(24, ts.length(), ts);
    }
  }

  private String writeAllFresh(int i) throws Exception {
    Path file = dir.resolve("ts" + i + ".jsonl");
    try (AuditLog log = AuditLog.open(file, "svc")) {
      log.append(AuditEvent.of("x"));
    }
    return AuditFiles.lines(file).get(0);
  }

  @Test
  void decisionEventsWithoutRuleSayNull() throws Exception {
    List<String> lines = writeAll(
        AuditEvent.of("model.chat").put("decision", "deny").put("outcome", "blocked"),
        AuditEvent.of("model.chat").put("decision", "allow").put("rule", "r1"));
    assertTrue(lines.get(0).contains("\"outcome\":\"blocked\",\"rule\":null,"), lines.get(0));
    assertEquals("r1", AuditFiles.fields(lines.get(1)).get("rule"));
  }

  @Test
  void hashIsSha256OfTheLineWithoutItsHashMember() throws Exception {
    List<String> lines = writeAll(AuditEvent.of("a").put("k", "é ✓ 😀"), AuditEvent.of("b"),
        AuditEvent.of("c"));
    String prev = "0".repeat(64);
    for (String line : lines) {
      Map<String, Object> f = AuditFiles.fields(line);
      assertEquals(AuditFiles.expectedHash(line), f.get("hash"));
      assertEquals(prev, f.get("prev"));
      assertTrue(line.endsWith(",\"prev\":\"" + prev + "\",\"hash\":\"" + f.get("hash") + "\"}"));
      assertTrue(((String) f.get("hash")).matches("[0-9a-f]{64}"));
      prev = (String) f.get("hash");
    }
  }

  @Test
  void hostileStringsStayOneValidJsonLine() throws Exception {
    String hostile = "q\"uo\\te\nnew\rline\u0000nul\u001f\u007f\t\b\f sep\u2028\u2029 😀 lone"
        + "\ud800x\udc00 end\ud83d";
    String expectedBack = "q\"uo\\te\nnew\rline\u0000nul\u001f\u007f\t\b\f sep\u2028\u2029 😀 lone"
        + "\ufffdx\ufffd end\ufffd";
    List<String> lines = writeAll(
        AuditEvent.of("model.chat").put("sql", hostile).put("key\"\n\u2028", hostile));
    assertEquals(1, lines.size());
    String line = lines.get(0);
    for (char c : line.toCharArray()) {
      assertFalse(c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029',
          "raw control character in " + line);
    }
    Map<String, Object> f = AuditFiles.fields(line);
    assertEquals(expectedBack, f.get("sql"));
    assertEquals(expectedBack, f.get("key\"\n\u2028"));
    assertTrue(line.contains("😀"), "valid pairs are kept as UTF-8");
    assertEquals(AuditFiles.expectedHash(line), f.get("hash"));
  }

  @Test
  void rawJsonIsKeptWhenValidAndQuotedWhenNot() throws Exception {
    List<String> lines = writeAll(AuditEvent.of("a")
        .putRaw("tools", "[\"lookup_order\",{\"n\":1}]")
        .putRaw("bad", "{\"unterminated\":")
        .putRaw("multi", "{\n\"a\":1}")
        .putRaw("two", "1 2"));
    String line = lines.get(0);
    assertTrue(line.contains("\"tools\":[\"lookup_order\",{\"n\":1}]"), line);
    Map<String, Object> f = AuditFiles.fields(line);
    assertEquals("{\"unterminated\":", f.get("bad"));
    assertEquals("{\n\"a\":1}", f.get("multi"));
    assertEquals("1 2", f.get("two"));
  }

  @Test
  void nullsAndRepeatedKeys() throws Exception {
    String line = writeAll(AuditEvent.of("a").put("dataset", (String) null).putNull("x")
        .put("x", "second").put("y", 1).put("x", "third")).get(0);
    Map<String, Object> f = AuditFiles.fields(line);
    assertTrue(f.containsKey("dataset"));
    assertNull(f.get("dataset"));
    assertEquals("third", f.get("x"));
    assertTrue(line.indexOf("\"x\"") < line.indexOf("\"y\""), "a repeated key keeps its place");
  }

  @Test
  void threadIsTheCreatorsNotTheWriters() throws Exception {
    AuditEvent[] made = new AuditEvent[1];
    Thread t = new Thread(() -> made[0] = AuditEvent.of("model.chat"), "app-worker-7");
    t.start();
    t.join();
    assertEquals("app-worker-7", AuditFiles.fields(writeAll(made[0]).get(0)).get("thread"));
  }

  @Test
  void reservedKeysAndChangesAfterAppendAreRefused() throws Exception {
    for (String k : List.of("ts", "seq", "service", "pid", "thread", "prev", "hash", "action")) {
      assertThrows(IllegalArgumentException.class, () -> AuditEvent.of("a").put(k, "x"), k);
    }
    assertThrows(IllegalArgumentException.class, () -> AuditEvent.of("a").put("", "x"));
    AuditEvent e = AuditEvent.of("a");
    try (AuditLog log = AuditLog.open(dir.resolve("f.jsonl"), "svc")) {
      log.append(e);
      assertThrows(IllegalStateException.class, () -> e.put("k", "v"));
    }
  }

  @Test
  void eventExposesWhatWasSet() {
    AuditEvent e = AuditEvent.of("dataset.read").put("path", "/a").put("n", 3).putNull("z")
        .putRaw("r", "[1]");
    assertEquals("dataset.read", e.action());
    assertEquals("/a", e.get("path"));
    assertEquals(3L, e.get("n"));
    assertNull(e.get("z"));
    assertEquals("[1]", e.get("r"));
    assertNull(e.get("missing"));
  }

  @Test
  void hugeValuesAreCutSoTheLineStaysVerifiable() throws Exception {
    String sql = "select 1 union all ".repeat(200_000); // ~3.8M characters
    List<String> lines = writeAll(AuditEvent.of("dataset.read").put("sql", sql));
    String kept = (String) AuditFiles.fields(lines.get(0)).get("sql");
    assertEquals(JsonText.MAX_VALUE_CHARS, kept.indexOf("...["));
    assertTrue(kept.endsWith(" more chars]"), kept.substring(kept.length() - 40));
    assertTrue(AuditVerifier.verify(dir.resolve("audit.jsonl")).ok());
  }
}
