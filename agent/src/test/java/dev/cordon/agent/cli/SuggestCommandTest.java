package dev.cordon.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.agent.audit.AuditEvent;
import dev.cordon.agent.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** suggest: the starter policy is valid and allows exactly what the audit log saw. */
class SuggestCommandTest {
  @TempDir Path dir;
  private Path log;
  private Path policy;

  @BeforeEach
  void paths() {
    log = dir.resolve("cordon-audit.jsonl");
    policy = dir.resolve("cordon.yaml");
  }

  private static AuditEvent call(String principal, String caller, String action, String resource) {
    AuditEvent e = AuditEvent.of(action).put("principal", principal).put("resource", resource)
        .put("decision", "deny").put("outcome", "would_block").put("mode", "monitor");
    if (caller != null) e.put("caller", caller);
    return e;
  }

  private void discoveryRun() {
    try (AuditLog audit = AuditLog.open(log, "billing-api")) {
      audit.append(AuditEvent.of("policy.load").put("mode", "monitor"));
      audit.append(call("anonymous", "com.acme.billing.Invoices.summarise(Invoices.java:10)",
          "model.chat", "model:openai/gpt-4o").put("provider", "openai").put("model", "gpt-4o"));
      audit.append(call("anonymous", "com.acme.billing.Search.index(Search.java:3)",
          "model.embed", "model:openai/text-embedding-3-small"));
      audit.append(call("anonymous", "com.acme.billing.Invoices.summarise(Invoices.java:10)",
          "model.chat", "model:openai/gpt-4o"));
      audit.append(call("anonymous", "com.acme.support.Bot.answer(Bot.java:42)",
          "model.chat", "model:anthropic/claude-3-5-sonnet-20241022"));
      audit.append(AuditEvent.of("model.chat").put("principal", "support-bot")
          .put("caller", "com.acme.support.Bot.answer(Bot.java:42)")
          .put("resource", "model:chat-small").put("provider", "openai")
          .put("model", "gpt-4o-mini-2024-07-18").put("decision", "allow")
          .put("outcome", "allowed").put("rule", "support-chat"));
      audit.append(AuditEvent.of("dataset.read").put("principal", "trainer")
          .put("resource", "dataset:prod-customers").put("path", "/srv/prod/c.csv")
          .put("decision", "deny").put("outcome", "blocked").put("rule", "no-prod"));
      audit.append(AuditEvent.of("dataset.read").put("principal", "trainer")
          .put("caller", "com.acme.training.Loader.load(Loader.java:5)")
          .put("resource", "dataset:training-corpus").put("path", "/srv/training/a.csv")
          .put("decision", "allow").put("outcome", "allowed").put("rule", "t"));
      audit.append(AuditEvent.of("dataset.write").put("principal", "trainer")
          .put("resource", "dataset:scratch").put("sql", "insert into t values (?)")
          .put("decision", "allow").put("outcome", "allowed").put("rule", "t"));
      audit.append(call("analyst", null, "vector.query", "vector:faq"));
      audit.append(call("anonymous", null, "model.chat", "model:ollama/llama3:8b"));
      audit.append(AuditEvent.of("agent.error").put("error", "something"));
    }
  }

  private CliRun suggestToFile() throws Exception {
    CliRun r = CliRun.of("suggest", log.toString());
    Files.writeString(policy, r.out(), StandardCharsets.UTF_8);
    return r;
  }

  private int explain(String principal, String action, String resource) {
    return CliRun.of("explain", policy.toString(), "--principal", principal, "--action", action,
        "--resource", resource).code();
  }

  @Test
  void starterPolicyIsValidAndAllowsExactlyWhatWasSeen() throws Exception {
    discoveryRun();
    CliRun r = suggestToFile();
    assertEquals(0, r.code(), r.toString());
    CliRun v = CliRun.of("validate", policy.toString());
    assertEquals(0, v.code(), v + "\n" + r.out());

    String yaml = r.out();
    assertTrue(yaml.contains("\nversion: 1\nmode: monitor\nservice: billing-api\n"), yaml);
    assertTrue(yaml.contains("  - id: com.acme.billing\n    match: { code: [\"com.acme.billing.**\"] }"),
        yaml);
    assertTrue(yaml.contains("# placeholder"), yaml);

    // Every observed call is allowed...
    assertEquals(0, explain("com.acme.billing", "model.chat", "model:openai/gpt-4o"), yaml);
    assertEquals(0, explain("com.acme.billing", "model.embed",
        "model:openai/text-embedding-3-small"), yaml);
    assertEquals(0, explain("com.acme.support", "model.chat",
        "model:anthropic/claude-3-5-sonnet-20241022"), yaml);
    assertEquals(0, explain("support-bot", "model.chat", "model:openai/gpt-4o-mini-2024-07-18"),
        yaml);
    assertEquals(0, explain("trainer", "dataset.read", "dataset:training-corpus"), yaml);
    assertEquals(0, explain("trainer", "dataset.write", "dataset:scratch"), yaml);
    assertEquals(0, explain("analyst", "vector.query", "vector:faq"), yaml);
    assertEquals(0, explain("anonymous", "model.chat", "model:ollama/llama3:8b"), yaml);
    // ...and nothing else.
    assertEquals(1, explain("com.acme.billing", "model.chat",
        "model:anthropic/claude-3-5-sonnet-20241022"), yaml);
    assertEquals(1, explain("com.acme.support", "model.embed",
        "model:openai/text-embedding-3-small"), yaml);
    assertEquals(1, explain("analyst", "vector.write", "vector:faq"), yaml);
    assertEquals(1, explain("trainer", "dataset.write", "dataset:training-corpus"), yaml);
  }

  @Test
  void callsRefusedByAnExplicitDenyAreLeftOut() throws Exception {
    discoveryRun();
    String yaml = suggestToFile().out();
    assertFalse(yaml.contains("id: prod-customers"), yaml);
    assertTrue(yaml.contains("# left out: 1 calls an explicit deny rule refused"), yaml);
  }

  @Test
  void oneRulePerPrincipalAndAction() throws Exception {
    discoveryRun();
    String yaml = suggestToFile().out();
    assertEquals(1, yaml.split("id: com.acme.billing-model-chat\n", -1).length - 1, yaml);
    assertTrue(yaml.contains("    principals: [trainer]\n    actions: [dataset.read]\n"), yaml);
  }

  @Test
  void emptyLogGivesAMinimalValidPolicy() throws Exception {
    Files.writeString(log, "");
    CliRun r = suggestToFile();
    assertEquals(0, r.code(), r.toString());
    assertEquals(0, CliRun.of("validate", policy.toString()).code(), r.out());
  }

  @Test
  void linesThatAreNotJsonAreSkippedWithANote() throws Exception {
    discoveryRun();
    Files.writeString(log, "garbage\n{\"truncated\n", StandardOpenOption.APPEND);
    CliRun r = suggestToFile();
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.err().contains("skipped 2 lines"), r.toString());
    assertEquals(0, CliRun.of("validate", policy.toString()).code(), r.out());
  }

  @Test
  void hostileNamesStayValidYaml() throws Exception {
    try (AuditLog audit = AuditLog.open(log, "svc: \"x\"\n#")) {
      audit.append(AuditEvent.of("model.chat").put("principal", "evil\" id\n- x")
          .put("caller", "com.x.A.b(A.java:1)\nversion: 2")
          .put("resource", "model:openai/gpt\"4o\n#x").put("decision", "allow").put("rule", "r"));
      audit.append(AuditEvent.of("vector.write").put("principal", "true")
          .put("resource", "vector:docs [prod], {x}").put("decision", "deny"));
    }
    CliRun r = suggestToFile();
    assertEquals(0, r.code(), r.toString());
    CliRun v = CliRun.of("validate", policy.toString());
    assertEquals(0, v.code(), v + "\n" + r.out());
    assertEquals(0, explain("true", "vector.write", "vector:docs [prod], {x}"), r.out());
    assertTrue(r.out().contains("# left out: model:openai/gpt\"4o #x (control characters"),
        r.out());
  }

  @Test
  void missingLog() {
    CliRun r = CliRun.of("suggest", dir.resolve("none.jsonl").toString());
    assertEquals(2, r.code(), r.toString());
    assertEquals("", r.out());
  }
}
