package dev.cordon.it.clients;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.shared.anthropic.AnthropicSteps;
import com.acme.shared.bedrock.BedrockSteps;
import com.acme.shared.genai.GenAiSteps;
import com.acme.shared.langchain4j.LangChain4jSteps;
import com.acme.shared.openai.OpenAiSteps;
import dev.cordon.it.ChildJvm;
import dev.cordon.it.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Added latency per governed call, per client: the same app makes WARMUP calls, then times N calls,
 * against the fake provider answering after 1 ms, in a child JVM without and then with the agent
 * (allowing policy, audit on), in the same run. Not a test of numbers (no timed assertion): it
 * writes the table to target/client-overhead.md. Run it explicitly:
 * {@code mvn -pl integration-tests -am verify -Dtest=ClientOverheadMeasurement -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ClientOverheadMeasurement {
  static final int WARMUP = Integer.getInteger("cordon.bench.warmup", 500);
  static final int N = Integer.getInteger("cordon.bench.n", 2000);
  static final String POLICY = """
      version: 1
      mode: enforce
      principals:
        - id: support-bot
          match: { code: ["com.acme.support.**"] }
      rules:
        - { id: all, effect: allow, principals: [support-bot], actions: [model.chat, model.embed], resources: ["model:*"] }
      """;
  static final Pattern BENCH = Pattern.compile("p50=(\\d+) p90=(\\d+) p99=(\\d+)");

  record Client(String name, String stepsClass, String step, String classPath) {}

  @Test
  void measure() throws Exception {
    List<Client> clients = List.of(
        new Client("openai-java 4.8.0 chat", OpenAiSteps.class.getName(), "chat:gpt-4o-mini", null),
        new Client("anthropic-java 3.14.0 messages", AnthropicSteps.class.getName(), "chat:claude-haiku-4-5", null),
        new Client("LangChain4j 1.19.0 OpenAiChatModel", LangChain4jSteps.class.getName(), "chat:gpt-4o-mini", null),
        new Client("google-genai 2.0.0 generateContent", GenAiSteps.class.getName(), "chat:gemini-2.0-flash", null),
        new Client("Bedrock Runtime 2.57.8 converse", BedrockSteps.class.getName(),
            "converse:anthropic.claude-3-haiku-20240307-v1~0:max=200", null),
        new Client("Spring AI 1.1.2 ChatModel.call", "com.acme.shared.springai1.SpringAi1Steps", "call:gpt-4o-mini",
            SpringAiTest.classPath(1)),
        new Client("Spring AI 2.0.1 ChatModel.call", "com.acme.shared.springai2.SpringAi2Steps", "call:gpt-4o-mini",
            SpringAiTest.classPath(2)));
    StringBuilder table = new StringBuilder();
    table.append("| client | no agent p50 (µs) | agent p50 (µs) | added p50 (µs) | ratio | no agent p90 | agent p90 |\n");
    table.append("|---|---|---|---|---|---|---|\n");
    List<String> failures = new ArrayList<>();
    for (Client c : clients) {
      try (Scenario s = new Scenario()) {
        s.policy(POLICY);
        s.fake.setLatencyMillis(1);
        String step = "bench:" + WARMUP + ":" + N + ":" + c.step();
        ChildJvm plain = s.jvm().noAgent();
        ChildJvm governed = s.jvm();
        if (c.classPath() != null) {
          plain.classPath(c.classPath());
          governed.classPath(c.classPath());
        }
        long[] a = parse(plain.run("com.acme.support.Support", c.stepsClass(), step), failures, c.name());
        long[] b = parse(governed.run("com.acme.support.Support", c.stepsClass(), step), failures, c.name());
        if (a == null || b == null) continue;
        table.append("| ").append(c.name()).append(" | ").append(a[0]).append(" | ").append(b[0]).append(" | ")
            .append(b[0] - a[0]).append(" | ").append(String.format("%.2f", (double) b[0] / a[0])).append(" | ")
            .append(a[1]).append(" | ").append(b[1]).append(" |\n");
      }
    }
    String out = "Fake provider answering after 1 ms; " + WARMUP + " warm-up calls, then " + N
        + " timed calls per run; Java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
        + " cores.\n\n" + table;
    System.out.println(out);
    Path file = Paths.get("target/client-overhead.md");
    Files.writeString(file, out);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  private static long[] parse(ChildJvm.Result r, List<String> failures, String name) {
    Matcher m = BENCH.matcher(r.stdout());
    if (!m.find()) {
      failures.add(name + ": " + r);
      return null;
    }
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
  }
}
