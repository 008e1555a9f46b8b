package dev.cordon.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.shared.genai.GenAiSteps;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cordon.it.AuditFile;
import dev.cordon.it.ChildJvm;
import dev.cordon.it.Scenario;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Google GenAI Java 2.x (generateContent, streaming, async, async streaming, embedContent) under the real agent. */
class GoogleGenAiTest {
  static final String POLICY = """
      version: 1
      mode: %MODE%
      principals:
        - id: support-bot
          match: { code: ["com.acme.support.**"] }
        - id: trainer
          match: { code: ["com.acme.training.**"] }
      models:
        - id: gemini-small
          provider: gemini
          model: "gemini-2.0-flash*"
        - id: gemini-embed
          provider: gemini
          model: "text-embedding-004"
      rules:
        - id: support-chat
          effect: allow
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:gemini-small"]
          limits: { %MAX% tools: [lookup_order], stream: true }
        - id: support-embed
          effect: allow
          principals: [support-bot]
          actions: [model.embed]
          resources: ["model:gemini-embed"]
      """;
  static final String MODEL = "gemini-2.0-flash";

  Scenario s;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  private void policy(String mode, boolean maxTokens) throws Exception {
    s.policy(POLICY.replace("%MODE%", mode).replace("%MAX%", maxTokens ? "max_output_tokens: 1024," : ""));
  }

  @Test
  void allowedCallsReachTheProviderUnchangedAndAreAuditedWithUsage() throws Exception {
    policy("enforce", false);
    String[] steps = {"chat:" + MODEL, "stream:" + MODEL, "async:" + MODEL, "asyncstream:" + MODEL,
        "embed:text-embedding-004", "chat:" + MODEL + ":tools=lookup_order:text=use the tool"};
    ChildJvm.Result without = s.jvm().noAgent().run("com.acme.support.Support", Scenarios.args(GenAiSteps.class, steps));
    List<String> plain = Wire.bodies(s.fake.requests());
    s.fake.clear();

    ChildJvm.Result r = s.support(GenAiSteps.class, steps);
    assertTrue(r.step(1).startsWith("OK Echo: Where is my order 1234? tokens=8"), r.toString());
    assertTrue(r.step(2).startsWith("OK streamed Echo: Where is my order"), r.toString());
    assertTrue(r.step(3).startsWith("OK async Echo:"), r.toString());
    assertTrue(r.step(4).startsWith("OK asyncstreamed Echo:"), r.toString());
    assertTrue(r.step(5).startsWith("OK embedding dims=8"), r.toString());
    assertEquals("OK functionCall lookup_order", r.step(6), r.toString());
    assertEquals(without.stdout(), r.stdout());
    assertEquals(plain, Wire.bodies(s.fake.requests()), "what reached the provider is unchanged");

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(5, chats.size(), audit.toString());
    for (JsonNode e : chats) {
      assertEquals("allowed", e.path("outcome").asText(), e.toString());
      assertEquals("gemini", e.path("provider").asText(), e.toString());
      assertEquals(MODEL, e.path("model").asText(), e.toString());
      assertEquals("model:gemini-small", e.path("resource").asText(), e.toString());
      assertTrue(e.path("usage").path("input_tokens").asLong() > 0, e.toString());
      assertTrue(e.path("usage").path("output_tokens").asLong() > 0, e.toString());
      assertTrue(e.path("caller").asText().startsWith("com.acme.support.Support.main("), e.toString());
    }
    assertTrue(chats.get(1).path("endpoint").asText().endsWith(":streamGenerateContent"), chats.get(1).toString());
    assertEquals(chats.get(0).path("usage"), chats.get(1).path("usage"), "streamed usage = the JSON answer's");
    JsonNode embed = audit.withAction("model.embed").get(0);
    assertEquals("text-embedding-004", embed.path("model").asText(), embed.toString());
    assertEquals("allowed", embed.path("outcome").asText(), embed.toString());
  }

  @Test
  void deniedCallsThrowOurExceptionAndSendNothing() throws Exception {
    policy("enforce", true);
    ChildJvm.Result r = s.support(GenAiSteps.class, "chat:gemini-2.5-pro", "stream:gemini-2.5-pro", "async:gemini-2.5-pro",
        "asyncstream:gemini-2.5-pro", "embed:gemini-embedding-001", "chat:" + MODEL + ":max=4096",
        "chat:" + MODEL + ":tools=delete_user");
    for (int i = 1; i <= 7; i++) {
      assertTrue(r.step(i).startsWith("DENIED dev.cordon.CordonAccessDeniedException: "), r.toString());
    }
    assertTrue(r.step(1).contains("model:gemini/gemini-2.5-pro"), r.step(1));
    assertTrue(r.step(6).contains("generationConfig.maxOutputTokens 4096 exceeds limits.max_output_tokens 1024"), r.step(6));
    assertTrue(r.step(7).contains("tool 'delete_user'"), r.step(7));
    assertEquals(0, s.fake.requests().size(), "nothing may reach the provider");
    assertEquals(7, s.audit().where(e -> "blocked".equals(e.path("outcome").asText())).size(), s.audit().toString());
  }

  @Test
  void aCapIsSetInGenerationConfigWhenTheRequestSetsNone() throws Exception {
    policy("enforce", true);
    ChildJvm.Result r = s.support(GenAiSteps.class, "chat:" + MODEL, "stream:" + MODEL);
    assertTrue(r.step(1).startsWith("OK") && r.step(2).startsWith("OK"), r.toString());
    for (var req : s.fake.requests()) {
      assertTrue(req.body().replace(" ", "").contains("\"generationConfig\":{\"maxOutputTokens\":1024"), req.body());
    }
  }

  @Test
  void monitorModeSendsAndAuditsWouldBlock() throws Exception {
    policy("monitor", false);
    ChildJvm.Result r = s.support(GenAiSteps.class, "chat:gemini-2.5-pro", "stream:gemini-2.5-pro", "embed:gemini-embedding-001");
    for (int i = 1; i <= 3; i++) assertTrue(r.step(i).startsWith("OK"), r.toString());
    assertEquals(3, s.fake.requests().size());
    List<JsonNode> entries = s.audit().where(e -> e.path("action").asText().startsWith("model."));
    assertEquals(3, entries.size(), s.audit().toString());
    for (JsonNode e : entries) assertEquals("would_block", e.path("outcome").asText(), e.toString());
  }

  @Test
  void otherPrincipalIsDenied() throws Exception {
    policy("enforce", false);
    ChildJvm.Result r = s.trainer(GenAiSteps.class, "chat:" + MODEL);
    assertTrue(r.step(1).startsWith("DENIED") && r.step(1).contains("trainer"), r.toString());
    assertEquals(0, s.fake.requests().size());
  }
}
