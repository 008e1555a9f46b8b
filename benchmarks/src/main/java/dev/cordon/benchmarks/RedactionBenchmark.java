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
 * Redacting one prompt with every built-in type on, single thread: Cordon's engine against a
 * java.util.regex alternation of the same types, on English text without PII ("clean") and with
 * an entity every ~100 bytes ("dense"). SampleTime gives the mean (throughput = size / mean) and
 * the p99. MB/s and ratios: benchmarks/redaction-report.py.
 *
 * <p>Each invocation takes the next of 32 different texts: redacting one text over and over lets the
 * CPU's branch predictor learn it, which flatters any scanner (by 2-3x on 4 KB here) and says
 * nothing about a real prompt, which is always new.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RedactionBenchmark {
  @Param({"1024", "4096", "65536"})
  public int size;

  @Param({"clean", "dense"})
  public String kind;

  private Redactor redactor;
  private TypeSet all;
  private String[] texts;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    redactor = Redactor.builder().build();
    all = redactor.types(Types.BUILT_IN);
    texts = new String[32];
    for (int k = 0; k < texts.length; k++) {
      String text = kind.equals("clean") ? RedactionTexts.clean(size, k + 1) : RedactionTexts.dense(size, k + 1);
      String a = redactor.redact(text, all, null, null);
      if (kind.equals("clean") && a != text) throw new IllegalStateException("clean text must have no PII: " + a);
      if (kind.equals("dense") && a == text) throw new IllegalStateException("dense text must have PII");
      texts[k] = text;
    }
  }

  private String text() {
    next = (next + 1) & 31;
    return texts[next];
  }

  @Benchmark
  public String cordon() {
    return redactor.redact(text(), all, null, null);
  }

  @Benchmark
  public String regex() {
    return RegexBaseline.redact(text());
  }
}
