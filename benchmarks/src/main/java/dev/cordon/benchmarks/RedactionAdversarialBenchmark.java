package dev.cordon.benchmarks;

import dev.cordon.redact.Redactor;
import dev.cordon.redact.TypeSet;
import dev.cordon.redact.Types;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 1 MB of clean prose against 1 MB of runs built to hurt detectors ("a@a@...", digits, dashes,
 * "sk-sk-..."): linear time means the two take comparable time. The regex baseline's run time
 * grows with the square of these runs, so it is measured on smaller ones in
 * {@link RedactionAdversarialRegexBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RedactionAdversarialBenchmark {
  @Param({"clean", "adversarial"})
  public String kind;

  private Redactor redactor;
  private TypeSet all;
  private String text;

  @Setup(Level.Trial)
  public void setUp() {
    redactor = Redactor.builder().build();
    all = redactor.types(Types.BUILT_IN);
    text = kind.equals("clean") ? RedactionTexts.clean(1 << 20, 2) : RedactionTexts.adversarial(1 << 20);
  }

  @Benchmark
  public String cordon() {
    return redactor.redact(text, all, null, null);
  }

  @Benchmark
  public String regexOnClean() {
    if (!kind.equals("clean")) return "";
    return RegexBaseline.redact(text);
  }
}
