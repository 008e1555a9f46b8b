package com.acme.support.raw;

import com.acme.shared.JdkRawHttp;
import com.acme.shared.OkHttpRawHttp;
import com.acme.shared.RawHttp;
import java.util.Arrays;

/**
 * Times sequential requests through one raw client: {@code LatencyMain jdk|okhttp ai|plain WARMUP N}.
 * "ai" is an allowed chat completion (governed), "plain" a GET of the model list (not AI traffic).
 * Prints {@code p50_us=.. p90_us=.. mean_us=..} for the measured requests, the whole process's CPU
 * time per request, and the bytes the calling thread allocated per request.
 */
public final class LatencyMain {
  private static java.util.Map<String, Long> threadCpu(com.sun.management.ThreadMXBean threads) {
    java.util.Map<String, Long> out = new java.util.HashMap<>();
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) continue;
      long cpu = threads.getThreadCpuTime(info.getThreadId());
      if (cpu > 0) out.put(info.getThreadName() + "@" + info.getThreadId(), cpu);
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    RawHttp http = args[0].equals("okhttp") ? new OkHttpRawHttp() : new JdkRawHttp();
    boolean ai = args[1].equals("ai");
    int warmup = Integer.parseInt(args[2]);
    int n = Integer.parseInt(args[3]);
    String base = System.getProperty("fake.url");
    String body = "{\"model\":\"gpt-4o-mini\",\"max_completion_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Where is my order 1234?\"}]}";
    String[] headers = {"Authorization", "Bearer sk-app-own-key", "Content-Type", "application/json"};
    long[] t = new long[n];
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long allocStart = 0;
    long cpuStart = 0;
    java.util.Map<String, Long> threadCpuStart = java.util.Map.of();
    for (int i = -warmup; i < n; i++) {
      if (i == 0) {
        allocStart = threads.getCurrentThreadAllocatedBytes();
        cpuStart = os.getProcessCpuTime();
        threadCpuStart = threadCpu(threads);
      }
      long start = System.nanoTime();
      RawHttp.Answer a = ai ? http.post(base + "/chat/completions", body, headers) : http.get(base + "/models", headers);
      long took = System.nanoTime() - start;
      if (a.status() != 200) throw new IllegalStateException("status " + a.status() + ": " + a.body());
      if (i >= 0) t[i] = took;
    }
    double allocPerCall = (threads.getCurrentThreadAllocatedBytes() - allocStart) / (double) n;
    double cpuPerCall = (os.getProcessCpuTime() - cpuStart) / 1000.0 / n;
    if (Boolean.getBoolean("latency.threads")) {
      // Where the CPU went, per thread name (numbers stripped), in us per call; the rest is the VM (JIT, GC).
      java.util.Map<String, Long> end = threadCpu(threads);
      long javaThreads = 0;
      java.util.Map<String, Long> byName = new java.util.TreeMap<>();
      for (var e : end.entrySet()) {
        long d = e.getValue() - threadCpuStart.getOrDefault(e.getKey(), 0L);
        javaThreads += d;
        byName.merge(e.getKey().replaceAll("[0-9]+", "#"), d, Long::sum);
      }
      long total = os.getProcessCpuTime() - cpuStart;
      byName.forEach((k, v) -> { if (v / 1000.0 / n >= 0.5) System.out.printf("  thread %-40s %7.1f us/call%n", k, v / 1000.0 / n); });
      System.out.printf("  vm (jit, gc, ...)                              %7.1f us/call%n", (total - javaThreads) / 1000.0 / n);
    }
    Arrays.sort(t);
    double mean = Arrays.stream(t).average().orElse(0) / 1000.0;
    System.out.printf("p50_us=%.1f p90_us=%.1f mean_us=%.1f cpu_us_per_call=%.1f caller_alloc_bytes_per_call=%.0f%n",
        t[n / 2] / 1000.0, t[n * 9 / 10] / 1000.0, mean, cpuPerCall, allocPerCall);
    System.exit(0);
  }
}
