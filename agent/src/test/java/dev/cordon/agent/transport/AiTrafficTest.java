package dev.cordon.agent.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cordon.agent.ai.AiTarget;
import dev.cordon.policy.Action;
import dev.cordon.policy.Policy;
import dev.cordon.policy.PolicyLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AiTrafficTest {
  static AiTarget post(Policy p, String url) {
    java.net.URI u = java.net.URI.create(url);
    return AiTraffic.classify(p, "POST", u.getScheme(), u.getHost(), u.getPort(), url);
  }

  @Test
  void providerHostsAreAiTrafficOnTheirWholePathSet() {
    AiTarget t = post(null, "https://api.openai.com/v1/chat/completions");
    assertEquals("openai", t.provider());
    assertEquals(443, t.port());
    assertEquals(Action.MODEL_CHAT, t.action());
    assertEquals(Action.MODEL_FILES, post(null, "https://api.openai.com/v1/files").action());
    assertEquals("azure-openai", post(null, "https://x.openai.azure.com/openai/deployments/d/chat/completions?api-version=1").provider());
    assertEquals("anthropic", post(null, "https://api.anthropic.com/v1/messages").provider());
    assertEquals("gemini", post(null, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent").provider());
    AiTarget bedrock = post(null, "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3%3A0/converse");
    assertEquals("bedrock", bedrock.provider());
    assertEquals("anthropic.claude-3:0", bedrock.modelFromPath());
  }

  @Test
  void anyHostIsRecognisedByAProviderPath() {
    AiTarget t = post(null, "http://127.0.0.1:8089/v1/chat/completions");
    assertNotNull(t);
    assertEquals("openai", t.provider());
    assertEquals("/v1/chat/completions", t.path());
    assertEquals("anthropic", post(null, "http://llm.internal/proxy/v1/messages").provider());
    assertEquals("ollama", post(null, "http://localhost:11434/api/chat").provider());
    assertEquals("gemini-2.0-flash", post(null, "http://gw/v1beta/models/gemini-2.0-flash:generateContent").modelFromPath());
  }

  @Test
  void ordinaryRequestsAreNotAiTraffic() {
    assertNull(post(null, "https://example.com/api/messages"));
    assertNull(post(null, "https://example.com/v1/files"));
    assertNull(post(null, "https://example.com/api/chat/rooms"));
    assertNull(post(null, "https://example.com/chat/completions-report"));
    assertNull(AiTraffic.classify(null, "GET", "https", "api.openai.com", -1, "https://api.openai.com/v1/models"));
  }

  @Test
  void listedEndpointsAreAiTrafficWithTheirProvider() throws Exception {
    Policy p = PolicyLoader.parse("""
        version: 1
        mode: enforce
        endpoints:
          - { host: "llm.corp", port: 9000, provider: anthropic }
        """, "cordon.yaml", false, Path.of("."));
    AiTarget t = post(p, "http://llm.corp:9000/messages");
    assertNotNull(t, "the wider path set applies on a listed host");
    assertEquals("anthropic", t.provider());
    assertNull(post(p, "http://llm.corp:9001/messages"), "another port is not listed");
  }
}
