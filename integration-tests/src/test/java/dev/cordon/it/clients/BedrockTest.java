package dev.cordon.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.shared.bedrock.BedrockSteps;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cordon.it.AuditFile;
import dev.cordon.it.ChildJvm;
import dev.cordon.it.Scenario;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AWS SDK v2 Bedrock Runtime (converse sync and async, converseStream, invokeModel,
 * invokeModelWithResponseStream, Titan embeddings) under the real agent, decided before SigV4
 * signing. Model ids carry ':' written as '~' in the steps.
 */
class BedrockTest {
  static final String POLICY = """
      version: 1
      mode: %MODE%
      principals:
        - id: support-bot
          match: { code: ["com.acme.support.**"] }
        - id: trainer
          match: { code: ["com.acme.training.**"] }
      models:
        - id: claude-bedrock
          provider: bedrock
          model: "anthropic.claude-3-haiku*"
        - id: titan-embed
          provider: bedrock
          model: "amazon.titan-embed-text-*"
      rules:
        - id: support-chat
          effect: allow
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:claude-bedrock"]
          limits: { %MAX% tools: [lookup_order], stream: true }
        - id: support-embed
          effect: allow
          principals: [support-bot]
          actions: [model.embed]
          resources: ["model:titan-embed"]
      """;
  static final String MODEL = "anthropic.claude-3-haiku-20240307-v1~0";
  static final String DENIED = "anthropic.claude-3-opus-20240229-v1~0";

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
    String[] steps = {"converse:" + MODEL + ":max=200", "asyncconverse:" + MODEL + ":max=200", "stream:" + MODEL + ":max=200",
        "invoke:" + MODEL, "invokestream:" + MODEL, "embed:amazon.titan-embed-text-v2~0",
        "converse:" + MODEL + ":max=200:tools=lookup_order:text=use the tool"};
    ChildJvm.Result without = s.jvm().noAgent().run("com.acme.support.Support", Scenarios.args(BedrockSteps.class, steps));
    List<String> plain = Wire.bodies(s.fake.requests());
    s.fake.clear();

    ChildJvm.Result r = s.support(BedrockSteps.class, steps);
    assertEquals("OK Echo: Where is my order 1234? tokens=8", r.step(1), r.toString());
    assertEquals("OK async Echo: Where is my order 1234? tokens=8", r.step(2), r.toString());
    assertEquals("OK streamed Echo: Where is my order 1234?", r.step(3), r.toString());
    assertTrue(r.step(4).startsWith("OK invoke"), r.toString());
    assertTrue(r.step(5).startsWith("OK invokestreamed chunks="), r.toString());
    assertTrue(r.step(6).startsWith("OK embedding"), r.toString());
    assertEquals("OK toolUse lookup_order", r.step(7), r.toString());
    assertEquals(without.stdout(), r.stdout());
    assertEquals(plain, Wire.bodies(s.fake.requests()), "what reached the provider is unchanged");

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> calls = audit.where(e -> e.path("action").asText().startsWith("model."));
    assertEquals(7, calls.size(), audit.toString());
    for (JsonNode e : calls) {
      assertEquals("allowed", e.path("outcome").asText(), e.toString());
      assertEquals("bedrock", e.path("provider").asText(), e.toString());
      assertTrue(e.path("usage").path("input_tokens").asLong() > 0, e.toString());
      assertTrue(e.path("caller").asText().startsWith("com.acme.support.Support.main("), e.toString());
    }
    assertEquals("anthropic.claude-3-haiku-20240307-v1:0", calls.get(0).path("model").asText());
    assertTrue(calls.get(2).path("endpoint").asText().endsWith("/converse-stream"), calls.get(2).toString());
    assertEquals(calls.get(0).path("usage"), calls.get(2).path("usage"), "usage from the event stream's metadata event");
    assertEquals(calls.get(3).path("usage"), calls.get(4).path("usage"), "usage from the base64 chunks of invokeModelWithResponseStream");
    assertEquals("model.embed", calls.get(5).path("action").asText());
    assertEquals("model:titan-embed", calls.get(5).path("resource").asText());
  }

  /**
   * With the fake listed under endpoints the socket backstop watches its connects: the sync client
   * connects inside the SDK funnel, the async one from a Netty event loop (covered by the funnel's
   * lease); neither is refused, and each call is audited once.
   */
  @Test
  void socketBackstopLetsTheSdksOwnConnectionsThrough() throws Exception {
    s.policy(POLICY.replace("%MODE%", "enforce").replace("%MAX%", "")
        .replace("\nrules:", "\nendpoints:\n  - { host: \"127.0.0.1\", port: %PORT% }\nrules:"));
    ChildJvm.Result r = s.support(BedrockSteps.class, "converse:" + MODEL, "asyncconverse:" + MODEL, "stream:" + MODEL);
    assertTrue(r.step(1).startsWith("OK Echo"), r.toString());
    assertTrue(r.step(2).startsWith("OK async Echo"), r.toString());
    assertTrue(r.step(3).startsWith("OK streamed Echo"), r.toString());
    assertEquals(3, s.fake.requests().size());
    AuditFile audit = s.audit();
    assertTrue(audit.withAction("net.connect").isEmpty(), audit.toString());
    assertEquals(3, audit.where(e -> e.path("action").asText().startsWith("model.")).size(), audit.toString());
  }

  @Test
  void deniedCallsSendNothingSyncThrowsOursAsyncTheSdksWrapper() throws Exception {
    policy("enforce", true);
    ChildJvm.Result r = s.support(BedrockSteps.class, "converse:" + DENIED, "invoke:" + DENIED, "embed:cohere.embed-english-v3",
        "converse:" + MODEL + ":max=4096", "converse:" + MODEL + ":tools=delete_user", "asyncconverse:" + DENIED,
        "stream:" + DENIED, "invokestream:" + DENIED);
    for (int i = 1; i <= 5; i++) {
      assertTrue(r.step(i).startsWith("DENIED dev.cordon.CordonAccessDeniedException: "), r.toString());
    }
    assertTrue(r.step(4).contains("inferenceConfig.maxTokens 4096 exceeds limits.max_output_tokens 1024"), r.step(4));
    // The async client fails its future with its own SdkClientException, ours as the cause.
    for (int i = 6; i <= 8; i++) {
      assertTrue(r.step(i).startsWith("WRAPPED software.amazon.awssdk.core.exception.SdkClientException <- "
          + "dev.cordon.CordonAccessDeniedException"), r.toString());
    }
    assertEquals(0, s.fake.requests().size(), "nothing may reach the provider");
    assertEquals(8, s.audit().where(e -> "blocked".equals(e.path("outcome").asText())).size(), s.audit().toString());
  }

  @Test
  void aCapIsSetInInferenceConfigBeforeSigning() throws Exception {
    policy("enforce", true);
    ChildJvm.Result r = s.support(BedrockSteps.class, "converse:" + MODEL, "stream:" + MODEL);
    assertTrue(r.step(1).startsWith("OK Echo") && r.step(2).startsWith("OK streamed"), r.toString());
    for (var req : s.fake.requests()) {
      assertTrue(req.body().contains("\"inferenceConfig\":{\"maxTokens\":1024}"), req.body());
      // Signed after the rewrite: SigV4's payload hash (part of the signature) is the hash of the body that was sent.
      assertTrue(req.headers().get("authorization").startsWith("AWS4-HMAC-SHA256"), req.headers().toString());
      String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(req.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertEquals(sha, req.headers().get("x-amz-content-sha256"), req.headers().toString());
    }
  }

  @Test
  void monitorModeSendsAndAuditsWouldBlock() throws Exception {
    policy("monitor", false);
    ChildJvm.Result r = s.support(BedrockSteps.class, "converse:" + DENIED, "stream:" + DENIED, "embed:cohere.embed-english-v3");
    for (int i = 1; i <= 3; i++) assertTrue(r.step(i).startsWith("OK"), r.toString());
    assertEquals(3, s.fake.requests().size());
    assertEquals(3, s.audit().where(e -> "would_block".equals(e.path("outcome").asText())).size(), s.audit().toString());
  }
}
