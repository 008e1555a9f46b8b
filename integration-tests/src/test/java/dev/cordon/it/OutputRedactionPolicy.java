package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.examples.fake.FakeOpenAiServer.RecordedRequest;
import java.util.List;

/**
 * The policy the output-redaction tests of the transports share: one support principal, an
 * enforced rule, a monitored one and a tool-limited one, each redacting EMAIL in the prompt and
 * EMAIL and PHONE in the answer, with PSEUDONYMIZE (so the prompt's email comes back restored).
 */
public final class OutputRedactionPolicy {
  private OutputRedactionPolicy() {}

  public static final String TEXT = """
      version: 1
      mode: enforce
      principals:
        - id: support-bot
          match: { code: ["com.acme.support.**"] }
      models:
        - { id: gpt-enforced, provider: openai, model: "gpt-4o-mini*" }
        - { id: gpt-monitored, provider: openai, model: "gpt-4.1-mini*" }
        - { id: gpt-tools, provider: openai, model: "gpt-4o-2024*" }
      rules:
        - id: enforced
          effect: allow
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:gpt-enforced"]
          redact: { prompt: [EMAIL], output: [EMAIL, PHONE] }
        - id: monitored
          effect: allow
          mode: monitor
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:gpt-monitored"]
          redact: { prompt: [EMAIL], output: [EMAIL, PHONE] }
        - id: enforced-with-tool-limits
          effect: allow
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:gpt-tools"]
          limits: { tools: [lookup] }
          redact: { prompt: [EMAIL], output: [EMAIL, PHONE] }
      redaction:
        operator: PSEUDONYMIZE
      audit:
        prompts: hash
      """;

  /**
   * The first {@code enforced} requests went out under the enforced rules: the prompt's address
   * replaced by its pseudonym; the next one, under the monitored rule, unchanged.
   */
  public static void assertPromptsOnTheWire(List<RecordedRequest> wire, int enforced) {
    for (int i = 0; i < enforced; i++) {
      String sent = wire.get(i).body();
      assertTrue(sent.contains("<EMAIL_1>") && !sent.contains("alice@"), "pseudonymized on the wire: " + sent);
    }
    assertTrue(wire.get(enforced).body().contains("alice@example.com"), "monitor changes nothing on the wire");
  }
}
