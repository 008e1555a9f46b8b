package dev.cordon.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link FileOpenBenchmark} without the agent and then with it (a policy that declares a file
 * dataset, so the JDK's file funnels are woven), in one invocation, and prints both with the
 * difference per open and the allocation per open.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.cordon.benchmarks.FileOpenComparison [agent.jar] [--no-escape-analysis]</pre>
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

    Collection<RunResult> without = run(base, ".*FileOpenBenchmark\\.(?!hookOnly).*", "-Dcordon.bench.agent=false");
    Collection<RunResult> with = run(base, ".*FileOpenBenchmark\\..*", "-Dcordon.bench.agent=true",
        "-javaagent:" + agent + "=policy=" + policy);

    System.out.println();
    System.out.println("File open + close outside every dataset (JMH average time, -prof gc), same run"
        + (noEa ? ", escape analysis off:" : ":"));
    System.out.printf(Locale.ROOT, "%-30s %14s %14s %12s %12s %12s%n", "benchmark", "no agent ns", "agent ns",
        "delta ns", "B/op no", "B/op agent");
    for (RunResult w : with) {
      String name = w.getParams().getBenchmark();
      RunResult n = find(without, name);
      if (n == null) {
        System.out.printf(Locale.ROOT, "%-30s %14s %8.1f ± %-4.0f %12s %12s %12.1f%n",
            name.substring(name.lastIndexOf('.') + 1), "-", w.getPrimaryResult().getScore(),
            w.getPrimaryResult().getScoreError(), "-", "-", alloc(w));
        continue;
      }
      double nt = n.getPrimaryResult().getScore();
      double wt = w.getPrimaryResult().getScore();
      System.out.printf(Locale.ROOT, "%-30s %8.1f ± %-4.0f %8.1f ± %-4.0f %+12.1f %12.1f %12.1f%n",
          name.substring(name.lastIndexOf('.') + 1), nt, n.getPrimaryResult().getScoreError(), wt,
          w.getPrimaryResult().getScoreError(), wt - nt, alloc(n), alloc(w));
    }
  }

  private static Collection<RunResult> run(String[] common, String include, String... extra) throws Exception {
    List<String> jvm = new ArrayList<>(List.of(common));
    jvm.addAll(List.of(extra));
    ChainedOptionsBuilder o = new OptionsBuilder()
        .include(include)
        .forks(1)
        .warmupIterations(3).warmupTime(TimeValue.seconds(1))
        .measurementIterations(5).measurementTime(TimeValue.seconds(1))
        .threads(1)
        .addProfiler("gc")
        .jvmArgsAppend(jvm.toArray(String[]::new));
    return new Runner(o.build()).run();
  }

  private static RunResult find(Collection<RunResult> results, String benchmark) {
    for (RunResult r : results) if (r.getParams().getBenchmark().equals(benchmark)) return r;
    return null;
  }

  private static double alloc(RunResult r) {
    Result<?> a = r.getSecondaryResults().get("gc.alloc.rate.norm");
    return a == null ? Double.NaN : a.getScore();
  }
}
