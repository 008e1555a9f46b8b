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
 * Spec 6 on Apache HttpClient 5.x (classic and async) and 4.5.x (classic): raw calls are governed
 * like SDK calls. One child JVM per client runs every case under one policy: a rule with a prompt
 * redaction and limits, a staged deny rule in monitor mode, and an endpoints allow-list that lists
 * the fake as 127.0.0.1 only (so the same server named {@code localhost} is an unlisted host).
 */
class ApacheHttpClientTest {
  static final String POLICY = """
      version: 1
      mode: enforce
      principals:
        - id: support-bot
          match: { code: ["com.acme.support.**"] }
      models:
        - { id: chat-small, provider: openai, model: "gpt-4o-mini*" }
        - { id: staged, provider: openai, model: "gpt-4o" }
      endpoints:
        - { host: "127.0.0.1", port: %PORT%, provider: openai }
      rules:
        - id: support-chat
          effect: allow
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:chat-small"]
          limits: { max_output_tokens: 1024, tools: [lookup_order] }
          redact: { prompt: [EMAIL] }
        - id: staged-block
          effect: deny
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:staged"]
          mode: monitor
      """;

  static final String EMAIL = "chat:gpt-4o-mini:text=mail alice@example.com now";
  static final String ROGUE = "chat:gpt-4o-mini:tools=lookup_order:text=now call tool delete_user";

  Scenario s;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
    s.policy(POLICY);
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  @Test
  void apache5ClassicAndAsyncAreGoverned() throws Exception {
    ChildJvm.Result r = s.jvm().run("com.acme.support.raw.RawApache5Main", "chat:gpt-4o-mini:max=100", "chat:gpt-4.1",
        "chat:gpt-4o", EMAIL, ROGUE, "stream:gpt-4o-mini", "unreadable:gpt-4o-mini", "otherhost:gpt-4o-mini",
        "forged:gpt-4.1", "get:/models", "async:gpt-4o-mini", "async:gpt-4.1", "async" + ROGUE.substring(4),
        "async:gpt-4o-mini:text=mail bob@example.org", "asynccustom:gpt-4o-mini:text=mail carol@example.net",
        "asynccustom:gpt-4.1", "asynccustom" + ROGUE.substring(4));
    assertTrue(r.step(1).startsWith("OK gpt-4o-mini Echo"), r.toString());
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), "the deny itself, unwrapped: " + r);
    assertTrue(r.step(3).startsWith("OK gpt-4o Echo"), "monitor: sent: " + r);
    assertTrue(r.step(4).startsWith("OK gpt-4o-mini Echo: mail <EMAIL> now"), r.toString());
    assertTrue(r.step(5).startsWith("DENIED dev.cordon.CordonAccessDeniedException") && r.step(5).contains("delete_user"),
        "a tool call outside limits.tools is blocked before the handler sees it: " + r);
    assertTrue(r.step(6).startsWith("OK streamed Echo"), r.toString());
    assertTrue(r.step(7).startsWith("OK gpt-4o-mini Echo"), "a streamed entity is read and replaced: " + r);
    assertTrue(r.step(8).startsWith("DENIED") && r.step(8).contains("not allowed by the policy's endpoints"), r.toString());
    assertTrue(r.step(9).startsWith("DENIED"), "a made-up governed-call header must not bypass the policy: " + r);
    assertTrue(r.step(10).startsWith("OK status 200"), r.toString());
    assertTrue(r.step(11).startsWith("OK gpt-4o-mini Echo"), r.toString());
    assertTrue(r.step(12).startsWith("DENIED dev.cordon.CordonAccessDeniedException"),
        "an async call is denied at execute, on the caller's thread: " + r);
    // The future fails with the deny: get() throws ExecutionException with it as the cause (the script unwraps it).
    assertTrue(r.step(13).startsWith("DENIED dev.cordon.CordonAccessDeniedException") && r.step(13).contains("delete_user"),
        "a blocked async answer fails the future with the deny: " + r);
    assertTrue(r.step(14).startsWith("OK gpt-4o-mini Echo: mail <EMAIL>"), r.toString());
    // An application's own AsyncRequestProducer: decided when it hands its request to the client.
    assertTrue(r.step(15).startsWith("OK gpt-4o-mini Echo: mail <EMAIL>"), r.toString());
    assertTrue(r.step(16).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), r.toString());
    assertTrue(r.step(17).startsWith("DENIED dev.cordon.CordonAccessDeniedException") && r.step(17).contains("delete_user"),
        r.toString());

    var wire = s.fake.requests();
    // 1, 3, 4, 5, 6, 7, 10 (GET), 11, 13, 14, 15, 17 reach the fake; 2, 8, 9, 12, 16 never leave the JVM.
    assertEquals(12, wire.size(), wire.toString());
    assertTrue(wire.get(10).body().contains("<EMAIL>") && !wire.get(10).body().contains("carol@"), wire.get(10).body());
    assertTrue(wire.get(0).body().contains("\"max_completion_tokens\":100"), wire.get(0).body());
    assertTrue(wire.get(2).body().contains("mail <EMAIL> now") && !wire.get(2).body().contains("alice@"),
        "the redacted prompt reaches the wire: " + wire.get(2).body());
    assertTrue(wire.get(5).body().contains("Where is my order") && wire.get(5).body().contains("\"max_completion_tokens\":1024"),
        "the streamed entity's bytes, decided and capped: " + wire.get(5).body());
    assertTrue(wire.get(9).body().contains("<EMAIL>") && !wire.get(9).body().contains("bob@"), wire.get(9).body());
    for (var req : wire) assertFalse(req.headers().containsKey("x-cordon-call"), req.toString());

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(16, chats.size(), "one entry per AI call: " + audit);
    JsonNode ok = chats.get(0);
    assertEquals("support-bot", ok.path("principal").asText());
    assertEquals("allowed", ok.path("outcome").asText());
    assertTrue(ok.path("caller").asText().startsWith("com.acme.support.raw.RawApache5Main.main"), ok.toString());
    assertTrue(ok.path("usage").path("output_tokens").asLong() > 0, ok.toString());
    assertEquals("blocked", chats.get(1).path("outcome").asText());
    assertEquals("would_block", chats.get(2).path("outcome").asText(), chats.get(2).toString());
    assertEquals("staged-block", chats.get(2).path("rule").asText());
    assertEquals("redacted", chats.get(3).path("outcome").asText(), chats.get(3).toString());
    assertEquals("blocked", chats.get(4).path("outcome").asText());
    assertEquals("delete_user", chats.get(4).path("tool").asText());
    assertTrue(chats.get(5).path("usage").path("output_tokens").asLong() > 0, "streamed usage: " + chats.get(5));
    assertEquals("gpt-4o-mini", chats.get(6).path("model").asText(), chats.get(6).toString());
    assertFalse(chats.get(6).has("body"), "read, not unread: " + chats.get(6));
    assertTrue(chats.get(7).path("reason").asText().contains("endpoints"), chats.get(7).toString());
    assertEquals("blocked", chats.get(8).path("outcome").asText());
    JsonNode async = chats.get(9);
    assertEquals("support-bot", async.path("principal").asText(), "async calls belong to the caller: " + async);
    assertEquals("main", async.path("thread").asText(), "decided on the thread that started it: " + async);
    assertTrue(async.path("caller").asText().startsWith("com.acme.support.raw.RawApache5Main.main"), async.toString());
    assertTrue(async.path("usage").path("output_tokens").asLong() > 0, async.toString());
    assertEquals("blocked", chats.get(10).path("outcome").asText());
    assertEquals("delete_user", chats.get(11).path("tool").asText(), chats.get(11).toString());
    assertEquals("redacted", chats.get(12).path("outcome").asText(), chats.get(12).toString());
    assertEquals("redacted", chats.get(13).path("outcome").asText(), chats.get(13).toString());
    assertEquals("main", chats.get(13).path("thread").asText(), chats.get(13).toString());
    assertTrue(chats.get(13).path("usage").path("output_tokens").asLong() > 0, chats.get(13).toString());
    assertEquals("blocked", chats.get(14).path("outcome").asText());
    assertEquals("delete_user", chats.get(15).path("tool").asText(), chats.get(15).toString());
    assertFalse(audit.toString().contains("alice@") || audit.toString().contains("bob@") || audit.toString().contains("carol@"),
        "no raw prompt in the audit");
  }

  static final String TEXT = "Mail alice@example.com or call 415-555-0100 today";
  static final String REDACTED = "Echo: Mail alice@example.com or call <PHONE> today";

  /**
   * Output redaction on the 5.x async client (and the classic one beside it): the consumer gets the
   * answer with the phone number redacted and the prompt's pseudonym restored in enforce, unchanged
   * and counted in monitor; JSON and server-sent events, one entry per call.
   */
  @Test
  void apache5AnswersAreRedacted() throws Exception {
    s.policy(OutputRedactionPolicy.TEXT);
    s.fake.setStreamSlice(4); // the phone number spans several events
    String t = ":text=" + TEXT;
    String tools = "gpt-4o-2024-08-06:tools=lookup";
    ChildJvm.Result r = s.jvm().run("com.acme.support.raw.RawApache5Main", "asyncread:gpt-4o-mini" + t,
        "asyncstream:gpt-4o-mini" + t, "asynccustom:gpt-4o-mini" + t, "asyncread:" + tools + t, "asyncstream:" + tools + t,
        "chat:gpt-4o-mini" + t, "asyncread:gpt-4.1-mini" + t, "asyncstream:gpt-4.1-mini" + t);
    assertEquals("OK gpt-4o-mini " + REDACTED + " [cl=ok]", r.step(1), r.toString());
    assertEquals("OK streamed " + REDACTED + " [cl=ok]", r.step(2), r.toString());
    assertEquals("OK gpt-4o-mini " + REDACTED, r.step(3), "the application's own producer: " + r);
    assertEquals("OK gpt-4o-2024-08-06 " + REDACTED + " [cl=ok]", r.step(4), "held for its tool calls, then redacted: " + r);
    assertEquals("OK streamed " + REDACTED + " [cl=ok]", r.step(5), "gated line by line, then redacted: " + r);
    assertEquals("OK gpt-4o-mini " + REDACTED, r.step(6), "classic: " + r);
    assertEquals("OK gpt-4.1-mini Echo: " + TEXT + " [cl=ok]", r.step(7), "monitor: " + r);
    assertEquals("OK streamed Echo: " + TEXT + " [cl=ok]", r.step(8), "monitor: " + r);

    var wire = s.fake.requests();
    assertEquals(8, wire.size(), wire.toString());
    OutputRedactionPolicy.assertPromptsOnTheWire(wire, 6);

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(8, chats.size(), "one entry per call: " + audit);
    for (int i = 0; i < 6; i++) {
      JsonNode e = chats.get(i);
      assertEquals("redacted", e.path("outcome").asText(), e.toString());
      assertEquals(1, e.path("redactions").path("EMAIL").asInt(), "the prompt's one address: " + e);
      assertEquals(1, e.path("redactions").path("PHONE").asInt(), e.toString());
      assertEquals(1, e.path("output_redactions").path("PHONE").asInt(), e.toString());
      assertFalse(e.path("output_redactions").has("EMAIL"), "restored, not redacted: " + e);
      assertTrue(e.path("usage").path("output_tokens").asLong() > 0, e.toString());
    }
    for (int i : new int[] {6, 7}) {
      JsonNode e = chats.get(i);
      assertEquals("would_redact", e.path("outcome").asText(), e.toString());
      assertEquals(2, e.path("redactions").path("EMAIL").asInt(), "prompt and answer: " + e);
      assertEquals(1, e.path("output_redactions").path("EMAIL").asInt(), e.toString());
      assertEquals(1, e.path("output_redactions").path("PHONE").asInt(), e.toString());
    }
    assertTrue(audit.withAction("agent.error").isEmpty(), audit.toString());
    assertFalse(audit.toString().contains("alice@") || audit.toString().contains("555-0100"), audit.toString());
  }

  @Test
  void apache4ClassicIsGoverned() throws Exception {
    ChildJvm.Result r = s.jvm().run("com.acme.support.raw.RawApache4Main", "chat:gpt-4o-mini:max=100", "chat:gpt-4.1",
        "chat:gpt-4o", EMAIL, ROGUE, "stream:gpt-4o-mini", "unreadable:gpt-4o-mini", "otherhost:gpt-4o-mini",
        "get:/models");
    assertTrue(r.step(1).startsWith("OK gpt-4o-mini Echo"), r.toString());
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), r.toString());
    assertTrue(r.step(3).startsWith("OK gpt-4o Echo"), r.toString());
    assertTrue(r.step(4).startsWith("OK gpt-4o-mini Echo: mail <EMAIL> now"), r.toString());
    assertTrue(r.step(5).startsWith("DENIED dev.cordon.CordonAccessDeniedException") && r.step(5).contains("delete_user"),
        r.toString());
    assertTrue(r.step(6).startsWith("OK streamed Echo"), r.toString());
    assertTrue(r.step(7).startsWith("OK gpt-4o-mini Echo"), r.toString());
    assertTrue(r.step(8).startsWith("DENIED") && r.step(8).contains("not allowed by the policy's endpoints"), r.toString());
    assertTrue(r.step(9).startsWith("OK status 200"), r.toString());

    var wire = s.fake.requests();
    assertEquals(7, wire.size(), wire.toString());
    assertTrue(wire.get(2).body().contains("mail <EMAIL> now") && !wire.get(2).body().contains("alice@"), wire.get(2).body());
    assertTrue(wire.get(5).body().contains("\"max_completion_tokens\":1024"), wire.get(5).body());

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(8, chats.size(), "one entry per AI call: " + audit);
    assertEquals("support-bot", chats.get(0).path("principal").asText());
    assertTrue(chats.get(0).path("caller").asText().startsWith("com.acme.support.raw.RawApache4Main.main"), chats.get(0).toString());
    assertTrue(chats.get(0).path("usage").path("output_tokens").asLong() > 0, chats.get(0).toString());
    assertEquals("blocked", chats.get(1).path("outcome").asText());
    assertEquals("would_block", chats.get(2).path("outcome").asText());
    assertEquals("redacted", chats.get(3).path("outcome").asText());
    assertEquals("delete_user", chats.get(4).path("tool").asText());
    assertTrue(chats.get(5).path("usage").path("output_tokens").asLong() > 0, chats.get(5).toString());
    assertEquals("gpt-4o-mini", chats.get(6).path("model").asText());
    assertTrue(chats.get(7).path("reason").asText().contains("endpoints"), chats.get(7).toString());
  }
}
