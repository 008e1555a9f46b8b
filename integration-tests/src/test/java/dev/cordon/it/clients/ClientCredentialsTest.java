package dev.cordon.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.shared.genai.GenAiSteps;
import com.acme.shared.langchain4j.LangChain4jSteps;
import dev.cordon.it.ChildJvm;
import dev.cordon.it.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec 7 at the client funnels: the scoped key replaces the application's own on what reaches the provider. */
class ClientCredentialsTest {
  static final String KEY = "scoped-key-CCCC3333";
  static final String POLICY = """
      version: 1
      mode: enforce
      principals:
        - id: support-bot
          match: { code: ["com.acme.support.**"] }
      credentials:
        - { id: openai-support, provider: openai, file: key.txt, max_age: 30d }
        - { id: gemini-support, provider: gemini, file: key.txt, max_age: 30d }
        - { id: anthropic-support, provider: anthropic, file: key.txt, max_age: 30d }
      rules:
        - { id: o, effect: allow, principals: [support-bot], actions: [model.chat], resources: ["model:openai/*"], credential: openai-support }
        - { id: g, effect: allow, principals: [support-bot], actions: [model.chat], resources: ["model:gemini/*"], credential: gemini-support }
        - { id: a, effect: allow, principals: [support-bot], actions: [model.chat], resources: ["model:anthropic/*"], credential: anthropic-support }
      """;

  Scenario s;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
    s.write("key.txt", KEY + "\n");
    s.policy(POLICY);
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  @Test
  void langChain4jAndGoogleGenAiSendTheScopedKey() throws Exception {
    ChildJvm.Result lc = s.support(LangChain4jSteps.class, "chat:gpt-4o-mini", "stream:gpt-4o-mini", "gchat:gemini-2.0-flash",
        "achat:claude-haiku-4-5");
    ChildJvm.Result genai = s.support(GenAiSteps.class, "chat:gemini-2.0-flash", "stream:gemini-2.0-flash");
    for (int i = 1; i <= 4; i++) assertTrue(lc.step(i).startsWith("OK"), lc.toString());
    for (int i = 1; i <= 2; i++) assertTrue(genai.step(i).startsWith("OK"), genai.toString());
    var wire = s.fake.requests();
    assertEquals(6, wire.size());
    assertEquals("Bearer " + KEY, wire.get(0).headers().get("authorization"));
    assertEquals("Bearer " + KEY, wire.get(1).headers().get("authorization"));
    assertEquals(KEY, wire.get(2).headers().get("x-goog-api-key"));
    assertEquals(KEY, wire.get(3).headers().get("x-api-key"));
    assertEquals(KEY, wire.get(4).headers().get("x-goog-api-key"));
    assertEquals(KEY, wire.get(5).headers().get("x-goog-api-key"));
    for (var req : wire) {
      assertTrue(req.headers().values().stream().noneMatch(v -> v.contains("sk-test") || v.contains("g-test")
          || v.contains("test-gemini-key") || v.contains("sk-ant-test")), "the app's own key is gone: " + req.headers());
    }
    assertEquals(6, s.audit().where(e -> "allowed".equals(e.path("outcome").asText())).size(), "one entry per call");
  }
}
