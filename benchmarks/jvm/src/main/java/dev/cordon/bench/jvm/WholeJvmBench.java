package dev.cordon.bench.jvm;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whole-JVM measurements of the agent against a no-agent baseline in the same run (issue 2):
 * start-up of a hello world with a 200-rule policy, added latency per openai-java call against a
 * fake answering in 1 ms, the agent's retained heap, and heap growth over 100,000 calls. Reports
 * figures and ratios; asserts nothing (timings are not tests).
 * Args: agentJar classpath [startupRuns] [callsForGrowth]; callsForGrowth 0 measures start-up only
 */
public final class WholeJvmBench {
  /** Median wall times of {@code runs} interleaved starts: no agent, a do-nothing agent, Cordon. */
  private static void startup(String java, String agent, String noop, Path dir, String cp, int runs, String label)
      throws Exception {
    List<Long> base = new ArrayList<>();
    List<Long> nothing = new ArrayList<>();
    List<Long> with = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      base.add(time(dir, java, "-cp", cp, "dev.cordon.bench.jvm.HelloMain"));
      nothing.add(time(dir, java, "-javaagent:" + noop, "-cp", cp, "dev.cordon.bench.jvm.HelloMain"));
      with.add(time(dir, java, "-javaagent:" + agent, "-cp", cp, "dev.cordon.bench.jvm.HelloMain"));
    }
    long b = median(base);
    long n = median(nothing);
    long w = median(with);
    System.out.printf(Locale.ROOT, "startup hello-world median, %s: no agent %d ms, do-nothing agent %d ms (+%d),"
        + " Cordon %d ms, added %d ms (x%.2f)%n", label, b, n, n - b, w, w - b, (double) w / b);
  }

  public static void main(String[] args) throws Exception {
    String agent = Paths.get(args[0]).toAbsolutePath().toString();
    String cp = args[1];
    int startupRuns = args.length > 2 ? Integer.parseInt(args[2]) : 21;
    int growthCalls = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
    Path dir = Files.createTempDirectory("cordon-bench");
    Files.writeString(dir.resolve("cordon.yaml"), PolicyGenerator.yaml(200), StandardCharsets.UTF_8);
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    System.out.println("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
        + " cpus, policy: 200 rules, 21 principals, 21 models, 10 datasets");

    // 1. Start-up: interleaved runs so drift hits every side alike. A hello world's own class path is
    // one directory; the module's class path (29 jars) is measured too, because the JVM's own cost
    // of any -javaagent grows with it.
    String own = Paths.get(HelloMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    String noop = NoopAgent.jar(dir).toString();
    Path noFiles = Files.createTempDirectory("cordon-bench-nofiles");
    Files.writeString(noFiles.resolve("cordon.yaml"), PolicyGenerator.yaml(200, false), StandardCharsets.UTF_8);
    startup(java, agent, noop, dir, own, startupRuns, "policy with file datasets, hello world's class path (1 directory)");
    startup(java, agent, noop, noFiles, own, startupRuns, "policy without file datasets, hello world's class path (1 directory)");
    startup(java, agent, noop, dir, cp, startupRuns, "policy with file datasets, this module's class path");
    startup(java, agent, noop, noFiles, cp, startupRuns, "policy without file datasets, this module's class path");
    if (growthCalls == 0) return; // start-up only

    // 2. Per-call latency, fake answering in 1 ms.
    String noAgent = run(dir, java, "-cp", cp, "dev.cordon.bench.jvm.ChatLoadMain", "2000", "20000", "1");
    String agentRun = run(dir, java, "-javaagent:" + agent, "-cp", cp, "dev.cordon.bench.jvm.ChatLoadMain", "2000", "20000", "1");
    double p50b = field(noAgent, "p50_us");
    double p50a = field(agentRun, "p50_us");
    System.out.printf(Locale.ROOT, "openai-java chat, fake 1 ms: no agent p50 %.1f us p99 %.1f us; agent p50 %.1f us p99 %.1f us;"
        + " added p50 %.1f us (x%.3f)%n", p50b, field(noAgent, "p99_us"), p50a, field(agentRun, "p99_us"), p50a - p50b, p50a / p50b);

    // 3. Retained heap after start with the 200-rule policy.
    String idleBase = run(dir, java, "-cp", cp, "dev.cordon.bench.jvm.IdleHeapMain");
    String idleAgent = run(dir, java, "-javaagent:" + agent, "-cp", cp, "dev.cordon.bench.jvm.IdleHeapMain");
    System.out.printf(Locale.ROOT, "heap after start + full GC: no agent %.0f KB, agent %.0f KB, agent retains %.0f KB%n",
        field(idleBase, "heap_kb"), field(idleAgent, "heap_kb"), field(idleAgent, "heap_kb") - field(idleBase, "heap_kb"));

    // 4. Growth over many calls (no artificial latency).
    String growth = run(dir, java, "-javaagent:" + agent, "-cp", cp, "dev.cordon.bench.jvm.ChatLoadMain",
        Integer.toString(growthCalls), "1000", "0", Integer.toString(growthCalls / 10));
    System.out.printf(Locale.ROOT, "heap over %d governed calls (after full GC): after warm-up %.0f KB, after %d calls %.0f KB,"
        + " after %d calls %.0f KB%n", growthCalls, field(growth, "heap_start_kb"), growthCalls / 10,
        field(growth, "heap_checkpoint_kb"), growthCalls, field(growth, "heap_end_kb"));
    System.out.println("audit lines written: " + Files.readAllLines(dir.resolve("cordon-audit.jsonl")).size());
  }

  private static long time(Path dir, String... cmd) throws Exception {
    long t0 = System.nanoTime();
    run(dir, cmd);
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static String run(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
    return out;
  }

  private static double field(String out, String name) {
    for (String tok : out.split("\\s+")) if (tok.startsWith(name + "=")) return Double.parseDouble(tok.substring(name.length() + 1));
    throw new IllegalStateException("no " + name + " in:\n" + out);
  }

  private static long median(List<Long> xs) {
    long[] a = xs.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(a);
    return a[a.length / 2];
  }

  static String classPathOf(String... entries) {
    return String.join(File.pathSeparator, entries);
  }
}
