package dev.cordon.benchmarks;

import dev.cordon.redact.Redactor;
import dev.cordon.redact.TypeSet;
import dev.cordon.redact.Types;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A cross-check of RedactionBenchmark on a shared machine: the same inputs (32 rotating texts per
 * size), timed by this thread's CPU time rather than the wall clock, so time the thread spends
 * descheduled by other processes does not count. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.cordon.benchmarks.RedactionCpuTime}.
 */
public final class RedactionCpuTime {
  private RedactionCpuTime() {}

  public static void main(String[] args) {
    Redactor r = Redactor.builder().build();
    TypeSet all = r.types(Types.BUILT_IN);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    System.out.println("| input | size | MB/s by CPU time |");
    System.out.println("|---|---|---|");
    for (String kind : new String[] {"clean", "dense"}) {
      for (int size : new int[] {1024, 4096, 65536, 1 << 20}) {
        String[] texts = new String[32];
        for (int k = 0; k < 32; k++) texts[k] = kind.equals("clean") ? RedactionTexts.clean(size, k + 1) : RedactionTexts.dense(size, k + 1);
        long sink = 0;
        for (int w = 0; w < 300_000_000 / size; w++) sink += r.redact(texts[w & 31], all, null, null).length();
        int n = Math.max(32, 400_000_000 / size);
        long c0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) sink += r.redact(texts[i & 31], all, null, null).length();
        long cpu = mx.getCurrentThreadCpuTime() - c0;
        System.out.printf("| %s | %s | %.0f |%s%n", kind, size >= 1 << 20 ? "1 MB" : size / 1024 + " KB",
            (double) size * n / cpu * 1000, sink == 42 ? " " : "");
      }
    }
    String adv = RedactionTexts.adversarial(1 << 20);
    for (int w = 0; w < 100; w++) r.redact(adv, all, null, null);
    long c0 = mx.getCurrentThreadCpuTime();
    for (int i = 0; i < 200; i++) r.redact(adv, all, null, null);
    System.out.printf("| adversarial | 1 MB | %.0f |%n", (double) (1 << 20) * 200 / (mx.getCurrentThreadCpuTime() - c0) * 1000);
  }
}
