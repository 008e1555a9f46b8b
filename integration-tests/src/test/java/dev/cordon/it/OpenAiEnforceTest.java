package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** openai-java under the real agent in enforce mode: what reached the wire, what the app saw, what was audited. */
class OpenAiEnforceTest {
  static final String POLICY = """
      version: 1
      mode: enforce
      principals:
        - id: support-bot
          match: { code: ["com.acme.support.**"] }
        - id: trainer
          match: { code: ["com.acme.training.**"] }
      models:
        - id: chat-small
          provider: openai
          model: "gpt-4o-mini*"
        - id: embedder
          provider: openai
          model: "text-embedding-3-*"
      rules:
        - id: support-chat
          effect: allow
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:chat-small"]
          limits: { max_output_tokens: 1024, tools: [lookup_order], stream: true }
        - id: support-embed
          effect: allow
          principals: [support-bot]
          actions: [model.embed]
          resources: ["model:embedder"]
      """;

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
  void allowedChatReachesTheProviderAndIsAuditedWithUsage() throws Exception {
    ChildJvm.Result r = s.support("chat:gpt-4o-mini:max=100");
    assertTrue(r.step(1).startsWith("OK gpt-4o-mini"), r.toString());
    assertEquals(1, s.fake.requests().size());
    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(1, chats.size(), audit.toString());
    JsonNode e = chats.get(0);
    assertEquals("support-bot", e.path("principal").asText());
    assertEquals("allow", e.path("decision").asText());
    assertEquals("allowed", e.path("outcome").asText());
    assertEquals("support-chat", e.path("rule").asText());
    assertEquals("enforce", e.path("mode").asText());
    assertEquals("model:chat-small", e.path("resource").asText());
    assertEquals("openai", e.path("provider").asText());
    assertEquals("gpt-4o-mini", e.path("model").asText());
    assertTrue(e.path("endpoint").asText().endsWith(":" + s.fake.port() + "/v1/chat/completions"), e.toString());
    assertTrue(e.path("caller").asText().startsWith("com.acme.support.SupportMain.main(SupportMain.java:"), e.toString());
    assertTrue(e.path("usage").path("input_tokens").asLong() > 0, e.toString());
    assertTrue(e.path("usage").path("output_tokens").asLong() > 0, e.toString());
    assertEquals(64, e.path("prompt_sha256").asText().length());
    for (String f : List.of("ts", "seq", "service", "pid", "thread", "prev", "hash")) assertTrue(e.has(f), f);
    assertFalse(audit.toString().contains("Where is my order"), "raw prompt must never reach the audit log");
  }

  @Test
  void promptHashIsTheSha256OfThePromptAsSent() throws Exception {
    // Spec 9: prompt_sha256 hashes the prompt; a string prompt once hashed only its opening quote.
    ChildJvm.Result r = s.support("embedtext:text-embedding-3-small:text=first words",
        "embedtext:text-embedding-3-small:text=other words");
    assertTrue(r.step(1).startsWith("OK") && r.step(2).startsWith("OK"), r.toString());
    List<JsonNode> embeds = s.audit().withAction("model.embed");
    assertEquals(2, embeds.size(), s.audit().toString());
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (int i = 0; i < 2; i++) {
      JsonNode sent = json.readTree(s.fake.requests().get(i).body()).get("input");
      assertTrue(sent.isTextual(), sent.toString());
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(sent.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertEquals(java.util.HexFormat.of().formatHex(digest), embeds.get(i).path("prompt_sha256").asText());
    }
    assertFalse(embeds.get(0).path("prompt_sha256").equals(embeds.get(1).path("prompt_sha256")));
  }

  @Test
  void modelNotGrantedIsBlockedBeforeAnythingIsSent() throws Exception {
    ChildJvm.Result r = s.support("chat:gpt-4o");
    String line = r.step(1);
    assertTrue(line.startsWith("DENIED dev.cordon.CordonAccessDeniedException"), r.toString());
    assertTrue(line.contains("support-bot") && line.contains("model.chat") && line.contains("model:openai/gpt-4o")
        && line.contains("no rule allows"), line);
    assertTrue(line.contains("to allow"), line);
    assertEquals(0, s.fake.requests().size(), "nothing may reach the provider");
    JsonNode e = s.audit().withAction("model.chat").get(0);
    assertEquals("deny", e.path("decision").asText());
    assertEquals("blocked", e.path("outcome").asText());
    assertTrue(e.path("rule").isNull(), e.toString());
    s.audit().assertChainIntact();
  }

  @Test
  void otherPrincipalIsBlocked() throws Exception {
    ChildJvm.Result r = s.jvm().run("com.acme.training.TrainerMain", "chat:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("DENIED"), r.toString());
    assertTrue(r.step(1).contains("trainer"), r.toString());
    assertEquals(0, s.fake.requests().size());
  }

  @Test
  void limitsAreEnforcedAndACapIsAddedWhenTheRequestSetsNone() throws Exception {
    ChildJvm.Result r = s.support("chat:gpt-4o-mini:max=4096", "chat:gpt-4o-mini", "chat:gpt-4o-mini:tools=delete_user",
        "chat:gpt-4o-mini:tools=lookup_order");
    assertTrue(r.step(1).startsWith("DENIED") && r.step(1).contains("max_output_tokens"), r.toString());
    assertTrue(r.step(2).startsWith("OK"), r.toString());
    assertTrue(r.step(3).startsWith("DENIED") && r.step(3).contains("delete_user"), r.toString());
    assertTrue(r.step(4).startsWith("OK"), r.toString());
    assertEquals(2, s.fake.requests().size());
    assertTrue(s.fake.requests().get(0).body().contains("\"max_completion_tokens\":1024"), s.fake.requests().get(0).body());
  }

  @Test
  void streamingAsyncEmbeddingsAndResponsesAreGoverned() throws Exception {
    ChildJvm.Result r = s.support("stream:gpt-4o-mini:usage", "async:gpt-4o-mini", "async:gpt-4o", "embed:text-embedding-3-small",
        "responses:gpt-4o-mini", "embed:text-embedding-ada-002");
    assertTrue(r.step(1).startsWith("OK streamed"), r.toString());
    assertTrue(r.step(2).startsWith("OK async gpt-4o-mini"), r.toString());
    assertTrue(r.step(3).startsWith("DENIED"), r.toString());
    assertTrue(r.step(4).startsWith("OK embedding"), r.toString());
    assertTrue(r.step(5).startsWith("OK response"), r.toString());
    assertTrue(r.step(6).startsWith("DENIED"), r.toString());
    assertEquals(4, s.fake.requests().size());
    AuditFile audit = s.audit();
    audit.assertChainIntact();
    JsonNode stream = audit.withAction("model.chat").get(0);
    assertTrue(stream.path("usage").path("output_tokens").asLong() > 0, stream.toString());
    JsonNode async = audit.withAction("model.chat").get(1);
    assertEquals("support-bot", async.path("principal").asText(), "async calls belong to the caller");
    assertEquals("model.embed", audit.withAction("model.embed").get(0).path("action").asText());
    assertEquals("allowed", audit.withAction("model.embed").get(0).path("outcome").asText());
    assertEquals("blocked", audit.withAction("model.embed").get(1).path("outcome").asText());
  }
}
