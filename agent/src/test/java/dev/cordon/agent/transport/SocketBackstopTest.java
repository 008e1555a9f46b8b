package dev.cordon.agent.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.agent.config.AgentOptions;
import dev.cordon.agent.runtime.AgentRuntime;
import dev.cordon.policy.Policy;
import dev.cordon.policy.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketBackstopTest {
  static final String AI_RULE = """
      version: 1
      mode: enforce
      rules:
        - { id: chat, effect: allow, principals: ["*"], actions: [model.chat], resources: ["model:*"] }
      """;
  static final String ENDPOINTS = """
      version: 1
      mode: enforce
      endpoints:
        - { host: "127.0.0.1", port: 8089 }
        - { host: "*.models.internal" }
      rules:
        - { id: chat, effect: allow, principals: ["*"], actions: [model.chat], resources: ["model:*"] }
      """;
  static final String DATA_ONLY = """
      version: 1
      mode: enforce
      rules:
        - { id: reads, effect: allow, principals: ["*"], actions: [dataset.read], resources: ["dataset:*"] }
      """;

  @TempDir Path dir;

  static Policy parse(String yaml) throws Exception {
    return PolicyLoader.parse(yaml, "cordon.yaml", false, Path.of("."));
  }

  @Test
  void wovenOnlyForPoliciesThatGovernAiTraffic() throws Exception {
    assertTrue(SocketBackstop.governs(parse(AI_RULE)));
    assertTrue(SocketBackstop.governs(parse(ENDPOINTS)));
    assertFalse(SocketBackstop.governs(parse(DATA_ONLY)));
    assertFalse(SocketBackstop.governs(null));
  }

  private SocketBackstop backstopFor(String yaml) throws Exception {
    Path policy = Files.writeString(dir.resolve("cordon.yaml"), yaml);
    AgentRuntime runtime = new AgentRuntime(AgentOptions.from(""), policy);
    runtime.initialize();
    SocketBackstop b = new SocketBackstop(runtime);
    b.policyChanged(runtime.stateNow());
    return b;
  }

  @Test
  void aiHostsByNameAndByEndpointWithSpec6PortRules() throws Exception {
    SocketBackstop b = backstopFor(ENDPOINTS);
    assertTrue(b.isAi("api.openai.com", 443));
    assertTrue(b.isAi("API.Anthropic.com", 8443), "provider hosts on any port, any case");
    assertTrue(b.isAi("bedrock-runtime.eu-west-1.amazonaws.com", 443));
    assertTrue(b.isAi("127.0.0.1", 8089));
    assertFalse(b.isAi("127.0.0.1", 5432), "an entry with a port covers only that port");
    assertTrue(b.isAi("llm.models.internal", 9000), "an entry without a port covers every port");
    assertFalse(b.isAi("db.internal", 5432));
    assertFalse(b.isAi("openai.com", 443));
  }

  @Test
  void idleUnderAPolicyWithoutAiRules() throws Exception {
    SocketBackstop b = backstopFor(DATA_ONLY);
    assertFalse(b.isAi("api.openai.com", 443));
  }
}
