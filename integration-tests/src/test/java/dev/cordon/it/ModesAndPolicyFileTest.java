package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec 1 and 5: modes, overrides, lock_mode, per-rule mode, a missing or broken policy, discovery. */
class ModesAndPolicyFileTest {
  static final String BASE = """
      version: 1
      mode: %MODE%
      principals:
        - id: support-bot
          match: { code: ["com.acme.support.**"] }
      models:
        - id: chat-small
          provider: openai
          model: "gpt-4o-mini*"
      rules:
        - id: support-chat
          effect: allow
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:chat-small"]
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

  @Test
  void monitorLetsEverythingThroughAndAuditsWhatEnforceWouldBlock() throws Exception {
    s.policy(BASE.replace("%MODE%", "monitor"));
    ChildJvm.Result r = s.support("chat:gpt-4o", "chat:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("OK gpt-4o"), r.toString());
    assertTrue(r.step(2).startsWith("OK gpt-4o-mini"), r.toString());
    assertEquals(2, s.fake.requests().size());
    JsonNode first = s.audit().withAction("model.chat").get(0);
    assertEquals("deny", first.path("decision").asText());
    assertEquals("would_block", first.path("outcome").asText());
    assertEquals("monitor", first.path("mode").asText());
    assertEquals("allowed", s.audit().withAction("model.chat").get(1).path("outcome").asText());
    s.audit().assertChainIntact();
  }

  @Test
  void agentArgumentOverridesTheModeAndLockModeRefusesIt() throws Exception {
    s.policy(BASE.replace("%MODE%", "enforce"));
    ChildJvm.Result r = s.jvm().agentArgs("mode=monitor").run("com.acme.support.SupportMain", "chat:gpt-4o");
    assertTrue(r.step(1).startsWith("OK"), r.toString());

    s.fake.clear();
    s.policy(BASE.replace("%MODE%", "enforce") + "lock_mode: true\n");
    Files.delete(s.dir.resolve("cordon-audit.jsonl"));
    r = s.jvm().jvmArg("-Dcordon.mode=monitor").run("com.acme.support.SupportMain", "chat:gpt-4o");
    assertTrue(r.step(1).startsWith("DENIED"), r.toString());
    assertTrue(r.stderr().contains("lock_mode"), r.stderr());
    assertEquals(0, s.fake.requests().size());
    assertEquals(1, s.audit().withAction("policy.mode_override_refused").size(), s.audit().toString());
  }

  @Test
  void perRuleModeStagesARollout() throws Exception {
    s.policy(BASE.replace("%MODE%", "enforce").replace("resources: [\"model:chat-small\"]",
        "resources: [\"model:chat-small\"]\n    limits: { max_output_tokens: 100 }\n    mode: monitor"));
    ChildJvm.Result r = s.support("chat:gpt-4o-mini:max=500", "chat:gpt-4o");
    assertTrue(r.step(1).startsWith("OK"), r.toString());
    assertTrue(r.step(2).startsWith("DENIED"), "no rule allows: the global enforce applies\n" + r);
    JsonNode e = s.audit().withAction("model.chat").get(0);
    assertEquals("would_block", e.path("outcome").asText());
    assertEquals("monitor", e.path("mode").asText());
    assertEquals("support-chat", e.path("rule").asText());
  }

  @Test
  void noPolicyMeansMonitorByDefaultAndEnforceDeniesEverything() throws Exception {
    ChildJvm.Result r = s.support("chat:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("OK"), r.toString());
    assertTrue(r.stderr().contains("no policy found"), r.stderr());
    JsonNode e = s.audit().withAction("model.chat").get(0);
    assertEquals("would_block", e.path("outcome").asText());
    assertEquals("anonymous", e.path("principal").asText());

    r = s.jvm().env("CORDON_MODE", "enforce").run("com.acme.support.SupportMain", "chat:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("DENIED"), r.toString());
    assertEquals(1, s.fake.requests().size());
  }

  @Test
  void brokenPolicyIsReportedWithLineAndColumnAndFailsClosed() throws Exception {
    s.policy(BASE.replace("%MODE%", "enforce").replace("effect: allow", "effect: allw"));
    ChildJvm.Result r = s.support("chat:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("DENIED"), r.toString());
    assertTrue(r.stderr().matches("(?s).*cordon\\.yaml:12:\\d+: .*"), r.stderr());
    assertEquals(0, s.fake.requests().size());
    assertEquals(0, r.exit(), "the application keeps running");

    r = s.jvm().jvmArg("-Dcordon.mode=monitor").run("com.acme.support.SupportMain", "chat:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("OK"), r.toString());
  }

  @Test
  void policyIsFoundThroughSystemPropertyEnvironmentAndJson() throws Exception {
    String yaml = BASE.replace("%MODE%", "enforce");
    s.write("elsewhere.yaml", yaml);
    ChildJvm.Result r = s.jvm().jvmArg("-Dcordon.policy=" + s.dir.resolve("elsewhere.yaml"))
        .run("com.acme.support.SupportMain", "chat:gpt-4o-mini", "chat:gpt-4o");
    assertTrue(r.step(1).startsWith("OK") && r.step(2).startsWith("DENIED"), r.toString());

    r = s.jvm().env("CORDON_POLICY", s.dir.resolve("elsewhere.yaml").toString())
        .run("com.acme.support.SupportMain", "chat:gpt-4o");
    assertTrue(r.step(1).startsWith("DENIED"), r.toString());

    s.write("cordon.json", """
        {"version": 1, "mode": "enforce",
         "principals": [{"id": "support-bot", "match": {"code": ["com.acme.support.**"]}}],
         "rules": [{"id": "all-openai", "effect": "allow", "principals": ["support-bot"],
                    "actions": ["model.*"], "resources": ["model:openai/*"]}]}
        """);
    r = s.support("chat:gpt-4o");
    assertTrue(r.step(1).startsWith("OK"), r.toString());
    java.util.List<JsonNode> chats = s.audit().withAction("model.chat");
    assertEquals("all-openai", chats.get(chats.size() - 1).path("rule").asText(), "the JSON policy decided");
  }

  @Test
  void validChangeIsLiveWithinTwoSecondsAndAnInvalidOneIsRejected() throws Exception {
    s.policy(BASE.replace("%MODE%", "enforce"));
    ChildJvm child = s.jvm().start("com.acme.support.SupportMain",
        "chat:gpt-4o", "wait:" + s.dir.resolve("go1"), "chat:gpt-4o", "wait:" + s.dir.resolve("go2"), "chat:gpt-4o");
    waitForAudit("model.chat", 1);
    s.policy(BASE.replace("%MODE%", "enforce").replace("\"model:chat-small\"", "\"model:chat-small\", \"model:openai/gpt-4o\""));
    Thread.sleep(2_000);
    Files.createFile(s.dir.resolve("go1"));
    waitForAudit("model.chat", 2);
    s.policy("version: 1\nmode: enforce\nrules: [ {id: x, effect: allow\n");
    Thread.sleep(2_000);
    Files.createFile(s.dir.resolve("go2"));
    ChildJvm.Result r = child.await();
    assertTrue(r.step(1).startsWith("DENIED"), r.toString());
    assertTrue(r.step(2).startsWith("OK"), "valid change live within 2 s\n" + r);
    assertTrue(r.step(3).startsWith("OK"), "invalid change rejected, previous policy kept\n" + r);
    assertEquals(1, s.audit().withAction("policy.reload").size(), s.audit().toString());
    assertEquals(1, s.audit().withAction("policy.reload_failed").size(), s.audit().toString());
    assertTrue(r.stderr().contains("rejected the changed policy"), r.stderr());
    s.audit().assertChainIntact();
  }

  private void waitForAudit(String action, int count) throws Exception {
    long until = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < until) {
      try {
        if (s.audit().withAction(action).size() >= count) return;
      } catch (Exception | AssertionError notYetComplete) {
        // the file may not exist yet, or its last line may be half written
      }
      Thread.sleep(50);
    }
    throw new AssertionError("audit never reached " + count + " x " + action);
  }
}
