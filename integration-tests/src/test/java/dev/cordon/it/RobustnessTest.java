package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reloads racing with calls, huge prompts: clear answers, nothing lost, no crash. */
class RobustnessTest {
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
  void policyReloadsWhileCallsRunLoseNothing() throws Exception {
    // The calls run on worker threads started by the script: the principal is matched by thread name.
    String allowMini = OpenAiEnforceTest.POLICY.replace("match: { code: [\"com.acme.support.**\"] }",
        "match: { threads: [\"worker-*\"] }");
    String allowNothing = allowMini.replace("principals: [support-bot]\n    actions: [model.chat]",
        "principals: [trainer]\n    actions: [model.chat]");
    s.policy(allowMini);
    s.fake.setLatencyMillis(15); // ~4 s of calls, so the 12 reloads below land while they run
    ChildJvm child = s.jvm().start("com.acme.support.SupportMain", "parallel:4:60:chat:gpt-4o-mini");
    // Swap policies for as long as the calls run, starting once they do: robust to a slow start.
    long until = System.currentTimeMillis() + 60_000;
    while (child.alive() && s.fake.requests().isEmpty() && System.currentTimeMillis() < until) Thread.sleep(10);
    for (int i = 0; child.alive() && System.currentTimeMillis() < until; i++) {
      switch (i % 3) {
        case 0 -> s.policy(allowNothing);
        case 1 -> s.policy("version: 1\nmode: enforce\nrules: [ {id: broken\n");
        default -> s.policy(allowMini);
      }
      Thread.sleep(300);
    }
    ChildJvm.Result r = child.await();
    Matcher m = Pattern.compile("ok=(\\d+) denied=(\\d+) fail=(\\d+)").matcher(r.step(1));
    assertTrue(m.find(), r.toString());
    int ok = Integer.parseInt(m.group(1));
    int denied = Integer.parseInt(m.group(2));
    assertEquals(0, Integer.parseInt(m.group(3)), "no call may fail for any other reason\n" + r);
    assertEquals(240, ok + denied, r.toString());
    assertTrue(ok > 0 && denied > 0, "both policies were in force during the run\n" + r);
    assertEquals(ok, s.fake.requests().size(), "exactly the allowed calls reached the provider");
    AuditFile audit = s.audit();
    audit.assertChainIntact();
    assertEquals(240, audit.withAction("model.chat").size(), "one audit entry per call");
    assertEquals(denied, audit.where(e -> "blocked".equals(e.path("outcome").asText())).size());
    // Every rejected reload the agent reported on stderr is in the audit too (none is lost).
    long rejected = r.stderr().lines().filter(l -> l.contains("rejected the changed policy")).count();
    assertEquals(rejected, audit.withAction("policy.reload_failed").size(), audit.toString());
  }

  @Test
  void aFiveMegabytePromptIsDecidedAndSent() throws Exception {
    s.policy(OpenAiEnforceTest.POLICY);
    ChildJvm.Result r = s.support("chat:gpt-4o-mini:big=5000000", "chat:gpt-4o:big=5000000");
    assertTrue(r.step(1).startsWith("OK"), r.toString());
    assertTrue(r.step(2).startsWith("DENIED"), r.toString());
    assertEquals(1, s.fake.requests().size());
    assertTrue(s.fake.requests().get(0).body().length() > 5_000_000);
    s.audit().assertChainIntact();
  }
}
