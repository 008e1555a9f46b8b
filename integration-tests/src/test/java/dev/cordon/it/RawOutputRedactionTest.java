package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Output redaction and PSEUDONYMIZE restoring on the raw transports (JDK HttpClient, OkHttp,
 * HttpURLConnection), for OpenAI chat, Responses and Anthropic answers, JSON and streamed, read
 * every way the clients offer; enforce and monitor rules side by side in one application run.
 */
class RawOutputRedactionTest {
  static final String MAIN = "com.acme.support.raw.RawOutputMain";
  static final String POLICY = """
      version: 1
      mode: enforce
      principals:
        - id: support-bot
          match: { code: ["com.acme.support.**"] }
      models:
        - { id: gpt-enforced, provider: openai, model: "gpt-4o-mini*" }
        - { id: gpt-monitored, provider: openai, model: "gpt-4.1-mini*" }
        - { id: claude-enforced, provider: anthropic, model: "claude-haiku-*" }
        - { id: claude-monitored, provider: anthropic, model: "claude-sonnet-*" }
        - { id: gpt-tools, provider: openai, model: "gpt-4o-2024*" }
        - { id: claude-tools, provider: anthropic, model: "claude-opus-*" }
      rules:
        - id: enforced
          effect: allow
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:gpt-enforced", "model:claude-enforced"]
          redact: { prompt: [EMAIL], output: [EMAIL, PHONE] }
        - id: monitored
          effect: allow
          mode: monitor
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:gpt-monitored", "model:claude-monitored"]
          redact: { prompt: [EMAIL], output: [EMAIL, PHONE] }
        - id: enforced-with-tool-limits
          effect: allow
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:gpt-tools", "model:claude-tools"]
          limits: { tools: [lookup] }
          redact: { prompt: [EMAIL], output: [EMAIL, PHONE] }
      redaction:
        operator: PSEUDONYMIZE
      audit:
        prompts: hash
      """;

  static final String E = "gpt-4o-mini";
  static final String EC = "claude-haiku-4-5";
  static final String M = "gpt-4.1-mini";
  static final String MC = "claude-sonnet-4-5";
  /** Under limits.tools: the response is also held back (JSON) or gated line by line (SSE) for its tool calls. */
  static final String T = "gpt-4o-2024-08-06";
  static final String TC = "claude-opus-4-1";
  static final String TEXT = "Mail alice@example.com or call 415-555-0100 today";
  static final String TOOL_TEXT = "tool for alice@example.com 415-555-0100";
  static final String REDACTED = "Echo: Mail alice@example.com or call <PHONE> today";
  static final String RAW = "Echo: " + TEXT;
  static final int HUGE = 40 << 20;
  static final String FILLER = " The quick brown fox jumps over the lazy dog.".repeat(3);

  Scenario s;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
    s.policy(POLICY);
    s.fake.setStreamSlice(4); // the phone number spans several chat events
    s.fake.setGzipWhenAsked(true); // OkHttp asks by itself (and decodes); the "gzip" steps ask as the application
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  @Test
  void jdkHttpClient() throws Exception {
    check(s.jvm(), "jdk", "stream", "async");
  }

  @Test
  void okHttp() throws Exception {
    check(s.jvm(), "okhttp", "bytes", "async");
  }

  @Test
  void okHttp5() throws Exception {
    String okhttp5 = java.nio.file.Files.readString(java.nio.file.Paths.get(System.getProperty("cordon.okhttp5.classpath"))).trim();
    String jackson = java.util.Arrays.stream(ChildJvm.defaultClassPath().split(java.io.File.pathSeparator))
        .filter(e -> e.contains("jackson")).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    String cp = java.nio.file.Paths.get("target/test-classes").toAbsolutePath() + java.io.File.pathSeparator + okhttp5
        + java.io.File.pathSeparator + jackson;
    check(s.jvm().classPath(cp), "okhttp", "stream", "async");
  }

  @Test
  void httpUrlConnection() throws Exception {
    check(s.jvm(), "urlconnection", "twice", "string");
  }

  private void check(ChildJvm jvm, String client, String otherReader, String asyncReader) throws Exception {
    String t = ":text=" + TEXT;
    String tt = ":text=" + TOOL_TEXT;
    ChildJvm.Result r = jvm.run(MAIN, client,
        "chat:" + E + ":string" + t, // 1
        "chat:" + E + ":" + otherReader + t, // 2
        "chatstream:" + E + ":string" + t, // 3
        "chatstream:" + E + ":lines" + t, // 4
        "resp:" + E + ":bytes" + t, // 5
        "respstream:" + E + ":stream" + t, // 6
        "msg:" + EC + ":string" + t, // 7
        "msgstream:" + EC + ":lines" + t, // 8
        "msg:" + EC + ":string:tools" + tt, // 9
        "msgstream:" + EC + ":stream:tools" + tt, // 10
        "chat:" + E + ":" + asyncReader + t, // 11
        "chat:" + M + ":string" + t, // 12 monitor
        "chatstream:" + M + ":lines" + t, // 13 monitor
        "msgstream:" + MC + ":string:tools" + tt, // 14 monitor
        "chat:" + E + ":string:gzip" + t, // 15 the application asks for gzip itself
        "chat:" + M + ":string:gzip" + t, // 16 monitor
        "chat:" + E + ":string:pad=" + HUGE + t, // 17 over the 32 MB bound
        "chat:" + M + ":string:pad=" + HUGE + t, // 18 monitor
        "chat:" + T + ":" + otherReader + t, // 19 held back for its tool calls, then redacted
        "chatstream:" + T + ":lines" + t, // 20 gated line by line, then redacted
        "msg:" + TC + ":string:tools" + tt, // 21
        "msgstream:" + TC + ":stream:tools" + tt, // 22
        "chatstream:" + E + ":timed:delay=20" + t + FILLER); // 23 read as it arrives, 20 ms between events
    boolean lengthReported = true; // HttpURLConnection included: its Content-Length is hidden when the body may change
    for (int i : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 11, 19, 20}) {
      assertTrue(r.step(i).startsWith("OK " + REDACTED + " [cl="), "step " + i + ": " + r);
    }
    for (int i : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 18, 19, 20, 21, 22}) {
      if (lengthReported) assertTrue(r.step(i).endsWith("[cl=ok]"), "a coherent Content-Length, step " + i + ": " + r);
    }
    assertTrue(r.step(9).startsWith("OK tool_use lookup {\"q\":\"tool for alice@example.com <PHONE>\"}"), r.toString());
    assertTrue(r.step(10).startsWith("OK tool_use {\"q\":\"tool for alice@example.com <PHONE>\"}"),
        "the streamed tool input is redacted and still valid JSON: " + r);
    assertTrue(r.step(12).startsWith("OK " + RAW + " [cl="), r.toString());
    assertTrue(r.step(13).startsWith("OK " + RAW + " [cl="), r.toString());
    assertTrue(r.step(21).startsWith("OK tool_use lookup {\"q\":\"tool for alice@example.com <PHONE>\"}"), r.toString());
    assertTrue(r.step(22).startsWith("OK tool_use {\"q\":\"tool for alice@example.com <PHONE>\"}"), r.toString());
    assertTrue(r.step(14).startsWith("OK tool_use {\"q\":\"" + TOOL_TEXT + "\"}"), r.toString());
    assertTrue(r.step(15).startsWith("FAIL java.io.IOException") && r.step(15).contains("Content-Encoding 'gzip'"), r.toString());
    assertTrue(r.step(16).startsWith("OK gzip body"), r.toString());
    assertTrue(r.step(17).startsWith("FAIL java.io.IOException") && r.step(17).contains("larger than 33554432 bytes"),
        r.toString());
    assertTrue(r.step(18).startsWith("OK " + RAW + " padding=" + HUGE), r.toString());

    java.util.regex.Matcher timing = java.util.regex.Pattern.compile("^OK " + java.util.regex.Pattern.quote(REDACTED + FILLER)
        + " \\(first=(\\d+) total=(\\d+)\\) \\[cl=ok\\]$").matcher(r.step(23));
    assertTrue(timing.find(), r.toString());
    long first = Long.parseLong(timing.group(1));
    long total = Long.parseLong(timing.group(2));
    System.out.println("[raw-output-redaction] " + client + ": first text after " + first + " ms of a " + total + " ms stream");
    assertTrue(first < total * 0.7, "streaming stays streaming: the first text came at " + first + " of " + total + " ms");

    var wire = s.fake.requests();
    assertEquals(23, wire.size());
    OutputRedactionPolicy.assertPromptsOnTheWire(wire, 11);

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(23, chats.size(), "one entry per call: " + audit);
    for (int i : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 18, 19, 20, 21}) {
      JsonNode e = chats.get(i);
      assertEquals("redacted", e.path("outcome").asText(), e.toString());
      assertEquals(1, e.path("redactions").path("EMAIL").asInt(), "the prompt's one address: " + e);
      assertEquals(1, e.path("redactions").path("PHONE").asInt(), e.toString());
      assertEquals(1, e.path("output_redactions").path("PHONE").asInt(), e.toString());
      assertFalse(e.path("output_redactions").has("EMAIL"), "restored, not redacted: " + e);
      assertTrue(e.path("usage").path("output_tokens").asLong() > 0, e.toString());
      assertEquals("allow", e.path("decision").asText(), e.toString());
    }
    assertTrue(chats.get(14).path("error").asText().contains("IOException"), "refused, and said so: " + chats.get(14));
    assertTrue(chats.get(16).path("error").asText().contains("IOException"), chats.get(16).toString());
    for (int i : new int[] {11, 12, 13}) {
      JsonNode e = chats.get(i);
      assertEquals("would_redact", e.path("outcome").asText(), e.toString());
      assertEquals(2, e.path("redactions").path("EMAIL").asInt(), "prompt and answer: " + e);
      assertEquals(1, e.path("output_redactions").path("EMAIL").asInt(), e.toString());
      assertEquals(1, e.path("output_redactions").path("PHONE").asInt(), e.toString());
    }
    assertEquals("content-encoding gzip", chats.get(15).path("output_unread").asText(), chats.get(15) + "\n" + r);
    List<JsonNode> errors = audit.withAction("agent.error");
    assertEquals(2, errors.size(), "the gzip refusal and the oversized body, fail closed: " + audit);
    for (JsonNode e : errors) {
      assertEquals("ai.output-redaction", e.path("where").asText());
      assertEquals("blocked", e.path("outcome").asText());
    }
    assertFalse(audit.toString().contains("alice@") || audit.toString().contains("555-0100"), audit.toString());
  }
}
