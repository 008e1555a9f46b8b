package dev.cordon.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link FileOpenBenchmark} without the agent and with it (a policy that declares a file
 * dataset, so the JDK's file funnels are woven), in alternating rounds of one invocation, and prints
 * both with the difference per open and the allocation per open.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.cordon.benchmarks.FileOpenComparison [agent.jar]
 *     [--rounds N] [--only BENCHMARK-NAME-PREFIX] [--no-escape-analysis]</pre>
 */
public final class FileOpenComparison {
  private FileOpenComparison() {}

  public static void main(String[] args) throws Exception {
    Path agent = Paths.get(args.length > 0 && !args[0].startsWith("--") ? args[0] : "agent/target/cordon-agent.jar")
        .toAbsolutePath();
    if (!Files.isRegularFile(agent)) throw new IllegalArgumentException("no agent jar at " + agent);
    Path dir = Files.createTempDirectory("cordon-bench");
    Path outside = Files.writeString(Files.createDirectories(dir.resolve("outside")).resolve("plain.txt"), "plain\n");
    Path dataset = Files.writeString(Files.createDirectories(dir.resolve("datasets/prod")).resolve("customers.csv"),
        "id,email\n");
    Path policy = Files.writeString(dir.resolve("cordon.yaml"), """
        version: 1
        mode: enforce
        datasets:
          - id: prod
            env: production
            files: ["datasets/prod/**"]
        """);
    List<String> common = new ArrayList<>(List.of("-Dcordon.bench.outside=" + outside,
        "-Dcordon.bench.dataset=" + dataset, "-Xmx512m"));
    // With escape analysis off, every allocation counts in B/op, so the agent cannot hide one behind
    // a JIT decision (nor be blamed for a JIT decision that differs between the two JVMs).
    boolean noEa = List.of(args).contains("--no-escape-analysis");
    if (noEa) common.add("-XX:-DoEscapeAnalysis");
    String[] base = common.toArray(String[]::new);

    int rounds = 3;
    String only = "";
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--rounds")) rounds = Integer.parseInt(args[i + 1]);
      if (args[i].equals("--only")) only = args[i + 1];
    }

    // Alternating rounds, best average per side: on a shared machine other processes only ever add
    // time, so the best of several interleaved runs is the figure least disturbed by them.
    Map<String, List<RunResult>> without = new TreeMap<>();
    Map<String, List<RunResult>> with = new TreeMap<>();
    for (int r = 0; r < rounds; r++) {
      collect(without, run(base, ".*FileOpenBenchmark\\.(?!hookOnly)" + only + ".*", "-Dcordon.bench.agent=false"));
      collect(with, run(base, ".*FileOpenBenchmark\\." + only + ".*", "-Dcordon.bench.agent=true",
          "-javaagent:" + agent + "=policy=" + policy));
    }

    System.out.println();
    System.out.println("File open + close outside every dataset (JMH average time, -prof gc), " + rounds
        + " alternating rounds, best round per side" + (noEa ? ", escape analysis off:" : ":"));
    System.out.printf(Locale.ROOT, "%-30s %16s %16s %10s %9s %9s   %s%n", "benchmark", "no agent ns", "agent ns",
        "delta ns", "B/op no", "B/op yes", "every round (no agent | agent)");
    for (Map.Entry<String, List<RunResult>> e : with.entrySet()) {
      String name = e.getKey().substring(e.getKey().lastIndexOf('.') + 1);
      RunResult w = best(e.getValue());
      List<RunResult> ns = without.get(e.getKey());
      if (ns == null) {
        System.out.printf(Locale.ROOT, "%-30s %16s %8.1f ± %-5.1f %10s %9s %9.1f   %s%n", name, "-",
            w.getPrimaryResult().getScore(), w.getPrimaryResult().getScoreError(), "-", "-", alloc(w), scores(e.getValue()));
        continue;
      }
      RunResult n = best(ns);
      double nt = n.getPrimaryResult().getScore();
      double wt = w.getPrimaryResult().getScore();
      System.out.printf(Locale.ROOT, "%-30s %8.1f ± %-5.0f %8.1f ± %-5.0f %+10.1f %9.1f %9.1f   %s | %s%n", name, nt,
          n.getPrimaryResult().getScoreError(), wt, w.getPrimaryResult().getScoreError(), wt - nt, alloc(n), alloc(w),
          scores(ns), scores(e.getValue()));
    }
  }

  private static void collect(Map<String, List<RunResult>> into, Collection<RunResult> results) {
    for (RunResult r : results) into.computeIfAbsent(r.getParams().getBenchmark(), k -> new ArrayList<>()).add(r);
  }

  private static RunResult best(List<RunResult> runs) {
    RunResult b = runs.get(0);
    for (RunResult r : runs) if (r.getPrimaryResult().getScore() < b.getPrimaryResult().getScore()) b = r;
    return b;
  }

  private static String scores(List<RunResult> runs) {
    List<String> s = new ArrayList<>();
    for (RunResult r : runs) s.add(String.format(Locale.ROOT, "%.0f", r.getPrimaryResult().getScore()));
    return String.join(" ", s);
  }

  private static Collection<RunResult> run(String[] common, String include, String... extra) throws Exception {
    List<String> jvm = new ArrayList<>(List.of(common));
    jvm.addAll(List.of(extra));
    ChainedOptionsBuilder o = new OptionsBuilder()
        .include(include)
        .forks(1)
        .warmupIterations(2).warmupTime(TimeValue.seconds(1))
        .measurementIterations(5).measurementTime(TimeValue.seconds(1))
        .threads(1)
        .addProfiler("gc")
        .jvmArgsAppend(jvm.toArray(String[]::new));
    return new Runner(o.build()).run();
  }

  private static double alloc(RunResult r) {
    Result<?> a = r.getSecondaryResults().get("gc.alloc.rate.norm");
    return a == null ? Double.NaN : a.getScore();
  }
}
