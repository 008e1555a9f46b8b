package dev.cordon.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cordon.it.ChildJvm;
import dev.cordon.it.Scenario;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenAI-compatible servers reached through the OpenAI SDK with another base URL (Ollama's /v1,
 * vLLM, a gateway): the provider comes from the policy's endpoint entry, so rules written for
 * {@code provider: ollama} models apply, and traffic to an unlisted port is refused.
 */
class OpenAiCompatibleTest {
  Scenario s;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  @Test
  void anEndpointsProviderDecidesTheWireFormatAndTheModelsItMatches() throws Exception {
    s.policy("""
        version: 1
        mode: enforce
        principals:
          - id: support-bot
            match: { code: ["com.acme.support.**"] }
        models:
          - { id: local-llama, provider: ollama, model: "llama3*" }
        endpoints:
          - { host: "127.0.0.1", port: %PORT%, provider: ollama, tls: optional }
        rules:
          - id: local-chat
            effect: allow
            principals: [support-bot]
            actions: [model.chat, model.embed]
            resources: ["model:local-llama"]
        """);
    ChildJvm.Result r = s.support("chat:llama3.2", "stream:llama3.2:usage", "chat:gpt-4o-mini", "embed:llama3.2");
    assertTrue(r.step(1).startsWith("OK llama3.2"), r.toString());
    assertTrue(r.step(2).startsWith("OK streamed"), r.toString());
    assertTrue(r.step(3).startsWith("DENIED") && r.step(3).contains("model:ollama/gpt-4o-mini"), r.toString());
    assertTrue(r.step(4).startsWith("OK embedding"), r.toString());
    assertEquals(3, s.fake.requests().size());
    List<JsonNode> calls = s.audit().where(e -> e.path("action").asText().startsWith("model."));
    assertEquals(4, calls.size());
    for (JsonNode e : calls) assertEquals("ollama", e.path("provider").asText(), e.toString());
    assertEquals("model:local-llama", calls.get(0).path("resource").asText());
    assertTrue(calls.get(1).path("usage").path("output_tokens").asLong() > 0, calls.get(1).toString());
  }

  @Test
  void aServerNotListedUnderEndpointsIsRefused() throws Exception {
    s.policy("""
        version: 1
        mode: enforce
        principals:
          - id: support-bot
            match: { code: ["com.acme.support.**"] }
        endpoints:
          - { host: "127.0.0.1", port: 1, provider: openai }
        rules:
          - { id: any, effect: allow, principals: [support-bot], actions: [model.chat], resources: ["model:*"] }
        """);
    ChildJvm.Result r = s.support("chat:llama3.2");
    assertTrue(r.step(1).startsWith("DENIED") && r.step(1).contains("not allowed by the policy's endpoints"), r.toString());
    assertEquals(0, s.fake.requests().size());
  }
}
