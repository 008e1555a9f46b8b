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

/** The adversarial runs at 16 KB and 64 KB, engine against regex: the regex's time grows ~16x per 4x input. */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
@State(Scope.Thread)
public class RedactionAdversarialRegexBenchmark {
  @Param({"16384", "65536"})
  public int size;

  private Redactor redactor;
  private TypeSet all;
  private String text;

  @Setup(Level.Trial)
  public void setUp() {
    redactor = Redactor.builder().build();
    all = redactor.types(Types.BUILT_IN);
    text = RedactionTexts.adversarial(size);
  }

  @Benchmark
  public String cordon() {
    return redactor.redact(text, all, null, null);
  }

  @Benchmark
  public String regex() {
    return RegexBaseline.redact(text);
  }
}
