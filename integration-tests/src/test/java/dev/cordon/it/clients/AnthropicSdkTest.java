package dev.cordon.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.shared.anthropic.AnthropicSteps;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cordon.it.AuditFile;
import dev.cordon.it.ChildJvm;
import dev.cordon.it.Scenario;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Anthropic Java SDK 3.x (messages, streaming, async, async streaming, beta messages) under the real agent. */
class AnthropicSdkTest {
  static final String POLICY = """
      version: 1
      mode: %MODE%
      principals:
        - id: support-bot
          match: { code: ["com.acme.support.**"] }
        - id: trainer
          match: { code: ["com.acme.training.**"] }
      models:
        - id: claude-small
          provider: anthropic
          model: "claude-haiku-*"
      rules:
        - id: support-chat
          effect: allow
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:claude-small"]
          limits: { max_output_tokens: 1024, tools: [lookup_order], stream: true }
      """;

  static final String MODEL = "claude-haiku-4-5";

  Scenario s;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
    s.policy(POLICY.replace("%MODE%", "enforce"));
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  @Test
  void allowedCallsReachTheProviderUnchangedAndAreAuditedWithUsage() throws Exception {
    String[] steps = {"chat:" + MODEL + ":system=Be brief", "stream:" + MODEL, "async:" + MODEL,
        "asyncstream:" + MODEL, "beta:" + MODEL, "chat:" + MODEL + ":tools=lookup_order:text=use the tool"};
    ChildJvm.Result without = s.jvm().noAgent().run("com.acme.support.Support", prepend(steps));
    List<String> plainBodies = Wire.bodies(s.fake.requests());
    s.fake.clear();

    ChildJvm.Result r = s.support(AnthropicSteps.class, steps);
    assertTrue(r.step(1).startsWith("OK " + MODEL + " Echo: Where is my order"), r.toString());
    assertTrue(r.step(2).startsWith("OK streamed Echo: Where is my order"), r.toString());
    assertTrue(r.step(3).startsWith("OK async " + MODEL), r.toString());
    assertTrue(r.step(4).startsWith("OK asyncstreamed Echo:"), r.toString());
    assertTrue(r.step(5).startsWith("OK beta " + MODEL), r.toString());
    assertTrue(r.step(6).contains("tool_use lookup_order"), r.toString());
    assertEquals(without.stdout(), r.stdout(), "the app sees the same answers with and without the agent");
    assertEquals(plainBodies, Wire.bodies(s.fake.requests()), "what reached the provider is unchanged");
    assertTrue(s.fake.requests().get(4).path().equals("/v1/messages"), "beta messages use /v1/messages?beta=true");

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(6, chats.size(), audit.toString());
    for (JsonNode e : chats) {
      assertEquals("allowed", e.path("outcome").asText(), e.toString());
      assertEquals("support-bot", e.path("principal").asText(), e.toString());
      assertEquals("support-chat", e.path("rule").asText(), e.toString());
      assertEquals("anthropic", e.path("provider").asText(), e.toString());
      assertEquals(MODEL, e.path("model").asText(), e.toString());
      assertEquals("model:claude-small", e.path("resource").asText(), e.toString());
      assertTrue(e.path("endpoint").asText().endsWith(":" + s.fake.port() + "/v1/messages"), e.toString());
      assertTrue(e.path("usage").path("input_tokens").asLong() > 0, e.toString());
      assertTrue(e.path("usage").path("output_tokens").asLong() > 1, "final output count, not message_start's 1: " + e);
      assertTrue(e.path("caller").asText().startsWith("com.acme.support.Support.main("), e.toString());
    }
    // The streamed answer's usage is split: input tokens in message_start, output tokens in message_delta.
    assertEquals(chats.get(2).path("usage"), chats.get(1).path("usage"), "streamed usage matches the JSON answer's");
    assertTrue(chats.get(0).path("usage").path("input_tokens").asLong() > chats.get(2).path("usage").path("input_tokens").asLong(),
        "the system prompt counts as input");
  }

  @Test
  void deniedCallsThrowOurExceptionAndSendNothing() throws Exception {
    ChildJvm.Result r = s.support(AnthropicSteps.class, "chat:claude-opus-4-1", "stream:claude-opus-4-1",
        "async:claude-opus-4-1", "asyncstream:claude-opus-4-1", "beta:claude-opus-4-1", "chat:" + MODEL + ":max=4096",
        "chat:" + MODEL + ":tools=delete_user");
    for (int i = 1; i <= 7; i++) {
      assertTrue(r.step(i).startsWith("DENIED dev.cordon.CordonAccessDeniedException: "), r.toString());
    }
    assertTrue(r.step(1).contains("model:anthropic/claude-opus-4-1") && r.step(1).contains("no rule allows"), r.step(1));
    assertTrue(r.step(6).contains("max_tokens 4096 exceeds limits.max_output_tokens 1024"), r.step(6));
    assertTrue(r.step(7).contains("tool 'delete_user'"), r.step(7));
    assertEquals(0, s.fake.requests().size(), "nothing may reach the provider");
    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(7, chats.size(), audit.toString());
    for (JsonNode e : chats) {
      assertEquals("blocked", e.path("outcome").asText(), e.toString());
      assertEquals("anthropic", e.path("provider").asText(), e.toString());
    }
  }

  @Test
  void otherPrincipalIsDenied() throws Exception {
    ChildJvm.Result r = s.trainer(AnthropicSteps.class, "chat:" + MODEL);
    assertTrue(r.step(1).startsWith("DENIED") && r.step(1).contains("trainer"), r.toString());
    assertEquals(0, s.fake.requests().size());
  }

  @Test
  void monitorModeSendsAndAuditsWouldBlock() throws Exception {
    s.policy(POLICY.replace("%MODE%", "monitor"));
    ChildJvm.Result r = s.support(AnthropicSteps.class, "chat:claude-opus-4-1", "stream:claude-opus-4-1",
        "async:claude-opus-4-1", "beta:claude-opus-4-1");
    for (int i = 1; i <= 4; i++) assertTrue(r.step(i).startsWith("OK"), r.toString());
    assertEquals(4, s.fake.requests().size());
    List<JsonNode> chats = s.audit().withAction("model.chat");
    assertEquals(4, chats.size(), s.audit().toString());
    for (JsonNode e : chats) {
      assertEquals("deny", e.path("decision").asText(), e.toString());
      assertEquals("would_block", e.path("outcome").asText(), e.toString());
      assertTrue(e.path("usage").path("output_tokens").asLong() > 1, e.toString());
    }
  }

  static String[] prepend(String[] steps) {
    String[] all = new String[steps.length + 1];
    all[0] = AnthropicSteps.class.getName();
    System.arraycopy(steps, 0, all, 1, steps.length);
    return all;
  }
}
