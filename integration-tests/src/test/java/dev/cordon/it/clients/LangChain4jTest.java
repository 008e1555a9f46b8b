package dev.cordon.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.shared.langchain4j.LangChain4jSteps;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cordon.it.AuditFile;
import dev.cordon.it.ChildJvm;
import dev.cordon.it.Scenario;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j 1.x, OpenAI module on its default JDK transport: ChatModel, StreamingChatModel,
 * EmbeddingModel and an AiServices interface with a tool, governed at LangChain4j's own HTTP client.
 */
class LangChain4jTest {
  static final String POLICY = """
      version: 1
      mode: %MODE%
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
          limits: { %MAX% tools: [lookup_order], stream: true }
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
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  private void policy(String mode, boolean maxTokens) throws Exception {
    s.policy(POLICY.replace("%MODE%", mode).replace("%MAX%", maxTokens ? "max_output_tokens: 1024," : ""));
  }

  @Test
  void allowedCallsReachTheProviderUnchangedWithOneAuditEntryEach() throws Exception {
    policy("enforce", false);
    String[] steps = {"chat:gpt-4o-mini", "stream:gpt-4o-mini", "embed:text-embedding-3-small", "agent:gpt-4o-mini",
        "both:gpt-4o-mini"};
    ChildJvm.Result without = s.jvm().noAgent().run("com.acme.support.Support", Scenarios.args(LangChain4jSteps.class, steps));
    List<String> plain = Wire.bodies(s.fake.requests());
    s.fake.clear();

    ChildJvm.Result r = s.support(LangChain4jSteps.class, steps);
    assertTrue(r.step(1).startsWith("OK chat Echo: Where is my order"), r.toString());
    assertTrue(r.step(2).startsWith("OK streamed Echo: Where is my order 1234? tokens="), r.toString());
    assertTrue(r.step(3).startsWith("OK embedding dims=8"), r.toString());
    assertTrue(r.step(4).startsWith("OK agent Echo: Use the tool"), r.toString());
    assertTrue(r.step(5).startsWith("OK both Echo:"), r.toString());
    assertEquals(without.stdout(), r.stdout(), "the app sees the same answers with and without the agent");
    assertEquals(plain, Wire.bodies(s.fake.requests()), "what reached the provider is unchanged");
    assertTrue(s.fake.requests().get(3).body().contains("\"lookup_order\""), "the AiServices tool is declared");

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    // chat 1 + stream 1 + agent 2 (tool call, then the answer) + both 2 (LangChain4j, then openai-java): one per request.
    assertEquals(6, chats.size(), audit.toString());
    assertEquals(s.fake.requests().size() - 1, chats.size(), "one audit entry per logical call");
    for (JsonNode e : audit.where(e -> e.path("action").asText().startsWith("model."))) {
      assertEquals("allowed", e.path("outcome").asText(), e.toString());
      assertEquals("support-bot", e.path("principal").asText(), e.toString());
      assertEquals("openai", e.path("provider").asText(), e.toString());
      assertTrue(e.path("usage").path("input_tokens").asLong() > 0, e.toString());
      assertTrue(e.path("caller").asText().startsWith("com.acme.support.Support.main("), e.toString());
    }
    assertTrue(chats.get(1).path("usage").path("output_tokens").asLong() > 0, "streamed usage: " + chats.get(1));
    JsonNode embed = audit.withAction("model.embed").get(0);
    assertEquals("text-embedding-3-small", embed.path("model").asText());
    assertTrue(embed.path("endpoint").asText().endsWith("/v1/embeddings"), embed.toString());
  }

  static final String PROVIDERS_POLICY = """
      version: 1
      mode: enforce
      principals:
        - id: support-bot
          match: { code: ["com.acme.support.**"] }
      models:
        - { id: gemini-small, provider: gemini, model: "gemini-2.0-flash*" }
        - { id: gemini-embed, provider: gemini, model: "text-embedding-004" }
        - { id: claude-small, provider: anthropic, model: "claude-haiku-*" }
      rules:
        - id: support-chat
          effect: allow
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:gemini-small", "model:claude-small"]
          limits: { max_output_tokens: 1024, stream: true }
        - id: support-embed
          effect: allow
          principals: [support-bot]
          actions: [model.embed]
          resources: ["model:gemini-embed"]
      """;

  @Test
  void geminiAndAnthropicModulesGoThroughTheSameDecision() throws Exception {
    s.policy(PROVIDERS_POLICY);
    ChildJvm.Result r = s.support(LangChain4jSteps.class, "gchat:gemini-2.0-flash", "gstream:gemini-2.0-flash",
        "gembed:text-embedding-004", "achat:claude-haiku-4-5", "astream:claude-haiku-4-5", "gchat:gemini-2.5-pro",
        "gembed:gemini-embedding-001", "achat:claude-opus-4-1", "achat:claude-haiku-4-5:max=4096");
    assertTrue(r.step(1).startsWith("OK gemini Echo:"), r.toString());
    assertTrue(r.step(2).startsWith("OK gemini streamed Echo:"), r.toString());
    assertTrue(r.step(3).startsWith("OK gemini embedding dims="), r.toString());
    assertTrue(r.step(4).startsWith("OK anthropic Echo:"), r.toString());
    assertTrue(r.step(5).startsWith("OK anthropic streamed Echo:"), r.toString());
    for (int i = 6; i <= 9; i++) assertTrue(r.step(i).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), r.toString());
    assertEquals(5, s.fake.requests().size());
    assertTrue(s.fake.requests().get(0).body().contains("\"maxOutputTokens\" : 1024")
        || s.fake.requests().get(0).body().contains("\"maxOutputTokens\":1024"), "cap set: " + s.fake.requests().get(0).body());
    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> allowed = audit.where(e -> "allowed".equals(e.path("outcome").asText()));
    assertEquals(5, allowed.size(), audit.toString());
    assertEquals(List.of("gemini", "gemini", "gemini", "anthropic", "anthropic"),
        allowed.stream().map(e -> e.path("provider").asText()).toList());
    assertEquals("text-embedding-004", allowed.get(2).path("model").asText(), "the path names the Gemini model");
    for (JsonNode e : List.of(allowed.get(0), allowed.get(1), allowed.get(3), allowed.get(4))) {
      assertTrue(e.path("usage").path("output_tokens").asLong() > 0, e.toString());
    }
    assertEquals(4, audit.where(e -> "blocked".equals(e.path("outcome").asText())).size(), audit.toString());
  }

  @Test
  void ollamaModuleNativeApiIsGovernedWithItsOwnCapAndCounts() throws Exception {
    s.policy("""
        version: 1
        mode: enforce
        principals:
          - id: support-bot
            match: { code: ["com.acme.support.**"] }
        models:
          - { id: local-llama, provider: ollama, model: "llama3*" }
          - { id: local-embed, provider: ollama, model: "nomic-embed-text*" }
        rules:
          - id: local-chat
            effect: allow
            principals: [support-bot]
            actions: [model.chat]
            resources: ["model:local-llama"]
            limits: { max_output_tokens: 512 }
          - { id: local-embed, effect: allow, principals: [support-bot], actions: [model.embed], resources: ["model:local-embed"] }
        """);
    ChildJvm.Result r = s.support(LangChain4jSteps.class, "ochat:llama3.2", "ostream:llama3.2", "oembed:nomic-embed-text",
        "ochat:mistral", "oembed:mxbai-embed-large");
    assertTrue(r.step(1).startsWith("OK ollama Echo:"), r.toString());
    assertTrue(r.step(2).startsWith("OK ollama streamed Echo:"), r.toString());
    assertTrue(r.step(3).startsWith("OK ollama embedding dims="), r.toString());
    assertTrue(r.step(4).startsWith("DENIED dev.cordon.CordonAccessDeniedException") && r.step(4).contains("model:ollama/mistral"),
        r.toString());
    assertTrue(r.step(5).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), r.toString());
    assertEquals(3, s.fake.requests().size());
    assertEquals("/api/chat", s.fake.requests().get(0).path());
    assertTrue(s.fake.requests().get(0).body().replace(" ", "").contains("\"num_predict\":512"), s.fake.requests().get(0).body());
    List<JsonNode> allowed = s.audit().where(e -> "allowed".equals(e.path("outcome").asText()));
    assertEquals(3, allowed.size(), s.audit().toString());
    for (JsonNode e : allowed) {
      assertEquals("ollama", e.path("provider").asText(), e.toString());
      assertTrue(e.path("usage").path("input_tokens").asLong() > 0, "Ollama's prompt_eval_count: " + e);
    }
    assertTrue(allowed.get(1).path("usage").path("output_tokens").asLong() > 0, "eval_count from the NDJSON stream");
  }

  @Test
  void theTransportBelowSeesTheGovernedCallMarker() throws Exception {
    policy("enforce", false);
    ChildJvm.Result r = s.support(LangChain4jSteps.class, "marker:gpt-4o-mini");
    assertEquals("OK governed-at-transport=true,true", r.step(1), r.toString());
    assertEquals(2, s.audit().withAction("model.chat").size());
  }

  @Test
  void deniedCallsThrowOurExceptionOnceAndSendNothing() throws Exception {
    policy("enforce", true);
    ChildJvm.Result r = s.support(LangChain4jSteps.class, "chat:gpt-4o", "stream:gpt-4o", "embed:text-embedding-ada-002",
        "agent:gpt-4o", "chat:gpt-4o-mini:max=4096");
    for (int i = 1; i <= 5; i++) {
      assertTrue(r.step(i).startsWith("DENIED dev.cordon.CordonAccessDeniedException: "), r.toString());
    }
    assertTrue(r.step(5).contains("max_completion_tokens 4096 exceeds limits.max_output_tokens 1024"), r.step(5));
    assertEquals(0, s.fake.requests().size(), "nothing may reach the provider");
    AuditFile audit = s.audit();
    List<JsonNode> denied = audit.where(e -> "blocked".equals(e.path("outcome").asText()));
    assertEquals(5, denied.size(), "LangChain4j's retries must not repeat a deny: " + audit);
    assertTrue(!r.stderr().contains("retriable exception"), "a deny is never retried: " + r.stderr());
  }

  @Test
  void aCapIsAddedWhenTheRequestSetsNone() throws Exception {
    policy("enforce", true);
    ChildJvm.Result r = s.support(LangChain4jSteps.class, "chat:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("OK chat"), r.toString());
    assertTrue(s.fake.requests().get(0).body().contains("\"max_completion_tokens\":1024"), s.fake.requests().get(0).body());
    assertEquals(1024, s.audit().withAction("model.chat").get(0).path("cap_added").asLong());
  }

  @Test
  void otherPrincipalIsDenied() throws Exception {
    policy("enforce", false);
    ChildJvm.Result r = s.trainer(LangChain4jSteps.class, "chat:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("DENIED") && r.step(1).contains("trainer"), r.toString());
    assertEquals(0, s.fake.requests().size());
  }

  @Test
  void monitorModeSendsAndAuditsWouldBlock() throws Exception {
    policy("monitor", false);
    ChildJvm.Result r = s.support(LangChain4jSteps.class, "chat:gpt-4o", "stream:gpt-4o", "embed:text-embedding-ada-002");
    for (int i = 1; i <= 3; i++) assertTrue(r.step(i).startsWith("OK"), r.toString());
    assertEquals(3, s.fake.requests().size());
    List<JsonNode> entries = s.audit().where(e -> e.path("action").asText().startsWith("model."));
    assertEquals(3, entries.size(), s.audit().toString());
    for (JsonNode e : entries) {
      assertEquals("would_block", e.path("outcome").asText(), e.toString());
      assertTrue(e.path("usage").path("input_tokens").asLong() > 0, e.toString());
    }
  }
}
