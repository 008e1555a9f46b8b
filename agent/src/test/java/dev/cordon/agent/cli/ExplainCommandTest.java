package dev.cordon.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainCommandTest {
  private static final String POLICY = CliRun.resource("cordon.yaml");

  private static CliRun explain(String principal, String action, String resource) {
    return CliRun.of("explain", POLICY, "--principal", principal, "--action", action,
        "--resource", resource);
  }

  private static String row(CliRun r, String name) {
    return r.out().lines().filter(l -> l.startsWith("  " + name + ":"))
        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
  }

  @Test
  void allowedWithLimitsAndRedactions() {
    CliRun r = explain("support-bot", "model.chat", "model:chat-small");
    assertEquals(0, r.code(), r.toString());
    assertEquals("ALLOW", r.out().lines().findFirst().orElseThrow());
    assertEquals("support-chat", row(r, "rule"));
    assertEquals("enforce", row(r, "mode"));
    assertEquals("max_output_tokens 1024; tools lookup_order; stream allowed", row(r, "limits"));
    assertEquals("prompt EMAIL, CREDIT_CARD, SECRET; output EMAIL", row(r, "redact"));
    assertEquals("", r.err());
  }

  @Test
  void undeclaredModelNameResolvesToTheDeclaredEntry() {
    CliRun r = explain("support-bot", "model.chat", "model:openai/gpt-4o-mini-2024-07-18");
    assertEquals(0, r.code(), r.toString());
    assertEquals("model:chat-small", row(r, "resource"));
  }

  @Test
  void perRuleMonitorModeAndMasks() {
    CliRun r = explain("support-bot", "dataset.read", "dataset:prod-customers");
    assertEquals(0, r.code(), r.toString());
    assertEquals("support-reads-customers", row(r, "rule"));
    assertTrue(row(r, "mode").startsWith("monitor"), r.toString());
    assertEquals("customers.email HASH, customers.card_number LAST4", row(r, "masks"));
  }

  @Test
  void deniedByNoRuleSaysWhatToAdd() {
    CliRun r = explain("support-bot", "model.chat", "model:openai/gpt-4o");
    assertEquals(1, r.code(), r.toString());
    assertEquals("DENY", r.out().lines().findFirst().orElseThrow());
    assertEquals("no rule allows", row(r, "rule"));
    assertEquals("enforce", row(r, "mode"));
    assertTrue(row(r, "why").contains("add a rule: {effect: allow, principals: [support-bot],"
        + " actions: [model.chat], resources: [\"model:openai/gpt-4o\"]}"), r.toString());
    assertEquals(null, row(r, "limits"), "limits are shown for allowed requests only");
  }

  @Test
  void deniedByDenyRuleSaysWhatToRemove() {
    CliRun r = explain("trainer", "dataset.read", "dataset:prod-customers");
    assertEquals(1, r.code(), r.toString());
    assertEquals("no-production-for-training", row(r, "rule"));
    assertTrue(row(r, "why").contains("remove principal 'trainer' from deny rule"), r.toString());
  }

  @Test
  void optionsMayUseEqualsAndAnyOrder() {
    CliRun r = CliRun.of("explain", "--resource=model:chat-small", "--action=model.chat", POLICY,
        "--principal=support-bot");
    assertEquals(0, r.code(), r.toString());
  }

  @Test
  void badRequestsAreUsageErrors() {
    for (List<String> bad : List.of(
        List.of("support-bot", "model.talk", "model:chat-small"),
        List.of("support-bot", "model.chat", "model:undeclared"),
        List.of("support-bot", "model.chat", "nonsense"))) {
      CliRun r = explain(bad.get(0), bad.get(1), bad.get(2));
      assertEquals(2, r.code(), r.toString());
      assertTrue(r.err().startsWith("cordon: "), r.toString());
      assertEquals("", r.out());
    }
  }

  @Test
  void missingOptionIsAUsageError() {
    CliRun r = CliRun.of("explain", POLICY, "--principal", "support-bot", "--action", "model.chat");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().startsWith("cordon: missing --resource"), r.toString());
    r = CliRun.of("explain", POLICY, "--principal");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().startsWith("cordon: --principal needs a value"), r.toString());
  }

  @Test
  void invalidPolicyIsANegativeAnswer() {
    CliRun r = CliRun.of("explain", CliRun.resource("broken.yaml"), "--principal", "bot",
        "--action", "model.chat", "--resource", "model:openai/gpt-4o");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("broken.yaml:6:5: unknown key 'colour'"), r.toString());
  }
}
