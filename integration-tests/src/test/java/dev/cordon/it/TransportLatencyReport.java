package dev.cordon.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Whole-JVM latency of raw transport calls with and without the agent, in the same run, against the
 * fake answering in 1 ms: the added p50 per governed call, and the cost on a request that is not AI
 * traffic. A report, not a test: it asserts nothing about time, and runs only with
 * {@code -Dcordon.bench=true} (it takes about a minute).
 */
class TransportLatencyReport {
  static {
    // The JDK's HTTP server (the fake) otherwise leaves Nagle on: with delayed ACKs every sequential
    // request would wait ~40 ms, drowning what is measured. Read once, before the first server starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  static final Pattern P50 = Pattern.compile(
      "p50_us=([0-9.]+) p90_us=([0-9.]+) mean_us=([0-9.]+) cpu_us_per_call=([0-9.]+) caller_alloc_bytes_per_call=([0-9.]+)");

  @Test
  void report() throws Exception {
    assumeTrue(Boolean.getBoolean("cordon.bench"), "run with -Dcordon.bench=true");
    int warmup = Integer.getInteger("cordon.bench.warmup", 2000);
    int n = Integer.getInteger("cordon.bench.n", 2000);
    int rounds = Integer.getInteger("cordon.bench.rounds", 2);
    List<String> lines = new ArrayList<>();
    try (Scenario s = new Scenario()) {
      s.fake.setLatencyMillis(1);
      s.policy(JdkHttpClientTest.policy("enforce", ""));
      for (String client : List.of("jdk", "okhttp")) {
        for (String kind : List.of("ai", "plain")) {
          double[] base = new double[5];
          double[] agent = new double[5];
          for (int r = 0; r < rounds; r++) {
            add(base, run(s.jvm().noAgent(), client, kind, warmup, n));
            add(agent, run(s.jvm(), client, kind, warmup, n));
          }
          lines.add(String.format("%-6s %-5s p50 %7.1f -> %7.1f us (%+6.1f us, x%.3f)  p90 %7.1f -> %7.1f  "
                  + "cpu/call %6.1f -> %6.1f us (%+6.1f)  caller alloc/call %6.0f -> %6.0f B",
              client, kind, base[0] / rounds, agent[0] / rounds, (agent[0] - base[0]) / rounds, agent[0] / base[0],
              base[1] / rounds, agent[1] / rounds, base[3] / rounds, agent[3] / rounds, (agent[3] - base[3]) / rounds,
              base[4] / rounds, agent[4] / rounds));
        }
      }
    }
    System.out.println("transport latency, no agent -> agent (fake answers in 1 ms; " + n + " calls after " + warmup
        + " warm-up, " + rounds + " alternating rounds):");
    lines.forEach(System.out::println);
  }

  private static void add(double[] acc, double[] v) {
    for (int i = 0; i < acc.length; i++) acc[i] += v[i];
  }

  private static double[] run(ChildJvm jvm, String client, String kind, int warmup, int n) throws Exception {
    ChildJvm.Result r = jvm.run("com.acme.support.raw.LatencyMain", client, kind, Integer.toString(warmup), Integer.toString(n));
    Matcher m = P50.matcher(r.stdout());
    if (!m.find()) throw new AssertionError(r.toString());
    double[] v = new double[5];
    for (int i = 0; i < 5; i++) v[i] = Double.parseDouble(m.group(i + 1));
    return v;
  }
}
