package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec 10 through the real jar: {@code java -jar cordon-agent.jar validate | explain | audit verify | suggest}. */
class CliJarTest {
  Scenario s;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  record Cli(int exit, String out, String err) {}

  Cli cli(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", ChildJvm.AGENT_JAR.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(s.dir.toFile()).redirectError(s.dir.resolve("cli-err.txt").toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    return new Cli(exit, out, Files.readString(s.dir.resolve("cli-err.txt")));
  }

  @Test
  void validateAndExplain() throws Exception {
    Path good = s.policy(OpenAiEnforceTest.POLICY);
    Cli ok = cli("validate", good.toString());
    assertEquals(0, ok.exit(), ok.toString());
    assertTrue(ok.out().startsWith("OK"), ok.out());

    Path bad = s.write("bad.yaml", "version: 1\nmode: enforce\nrules:\n  - id: r\n    effect: allow\n    principals: [ghost]\n"
        + "    actions: [model.chat]\n    resources: [\"model:nope\"]\n    colour: red\n");
    Cli invalid = cli("validate", bad.toString());
    assertEquals(1, invalid.exit(), invalid.toString());
    assertTrue(invalid.out().contains("bad.yaml:6:"), "undeclared principal with line:col\n" + invalid.out());
    assertTrue(invalid.out().contains("bad.yaml:8:"), "undeclared model\n" + invalid.out());
    assertTrue(invalid.out().contains("bad.yaml:9:"), "unknown key\n" + invalid.out());

    Cli allow = cli("explain", good.toString(), "--principal", "support-bot", "--action", "model.chat", "--resource", "model:chat-small");
    assertEquals(0, allow.exit(), allow.toString());
    Cli deny = cli("explain", good.toString(), "--principal", "support-bot", "--action", "model.chat", "--resource", "model:openai/gpt-4o");
    assertEquals(1, deny.exit(), deny.toString());
    assertTrue(deny.out().contains("no rule allows"), deny.out());
    assertEquals(2, cli("explain", good.toString()).exit());
    assertEquals(2, cli("frobnicate").exit());
  }

  @Test
  void auditVerifyFindsTamperingInARealLog() throws Exception {
    s.policy(OpenAiEnforceTest.POLICY);
    s.support("chat:gpt-4o-mini", "chat:gpt-4o", "embed:text-embedding-3-small");
    Path log = s.dir.resolve("cordon-audit.jsonl");
    Cli intact = cli("audit", "verify", log.toString());
    assertEquals(0, intact.exit(), intact.toString());

    List<String> lines = Files.readAllLines(log);
    List<String> edited = new ArrayList<>(lines);
    edited.set(2, edited.get(2).replace("\"deny\"", "\"allow\""));
    Files.write(log, edited);
    Cli tampered = cli("audit", "verify", log.toString());
    assertEquals(1, tampered.exit(), tampered.toString());
    assertTrue(tampered.out().contains("line 3"), tampered.out());

    List<String> deleted = new ArrayList<>(lines);
    deleted.remove(1);
    Files.write(log, deleted);
    Cli gap = cli("audit", "verify", log.toString());
    assertEquals(1, gap.exit(), gap.toString());
    assertTrue(gap.out().contains("line 2"), gap.out());
  }

  @Test
  void monitorDiscoveryThenSuggestGivesAWorkingPolicy() throws Exception {
    ChildJvm.Result discovery = s.support("chat:gpt-4o-mini", "embed:text-embedding-3-small");
    assertTrue(discovery.step(1).startsWith("OK"), discovery.toString());
    Cli suggest = cli("suggest", s.dir.resolve("cordon-audit.jsonl").toString());
    assertEquals(0, suggest.exit(), suggest.toString());
    Path suggested = s.write("cordon.yaml", suggest.out().replace("mode: monitor", "mode: enforce"));
    assertEquals(0, cli("validate", suggested.toString()).exit(), suggest.out());
    Files.delete(s.dir.resolve("cordon-audit.jsonl"));
    ChildJvm.Result enforced = s.support("chat:gpt-4o-mini", "embed:text-embedding-3-small", "chat:gpt-4o");
    assertTrue(enforced.step(1).startsWith("OK"), enforced + "\n" + suggest.out());
    assertTrue(enforced.step(2).startsWith("OK"), enforced.toString());
    assertTrue(enforced.step(3).startsWith("DENIED"), "only what was observed is allowed\n" + enforced);
  }
}
