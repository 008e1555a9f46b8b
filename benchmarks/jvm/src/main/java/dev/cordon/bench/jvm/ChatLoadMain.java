package dev.cordon.bench.jvm;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.cordon.examples.fake.FakeOpenAiServer;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The per-call subject: openai-java chat calls against the fake provider (in this JVM, answering
 * after a fixed delay). Prints latency percentiles and heap use after a full GC at two points, so
 * the same program measures the agent's per-call cost and whether its memory grows with calls.
 * Args: calls warmup latencyMs [heapCheckpointCalls]. {@code -Dbench.jfr=FILE} records the timed
 * calls alone (not the warm-up) with JFR's profile settings and 1 ms method sampling, so a profile
 * of the agent and of the baseline cover the same number of steady-state calls.
 */
public final class ChatLoadMain {
  public static void main(String[] args) throws Exception {
    int calls = Integer.parseInt(args[0]);
    int warmup = Integer.parseInt(args[1]);
    int latency = Integer.parseInt(args[2]);
    int checkpoint = args.length > 3 ? Integer.parseInt(args[3]) : -1;
    try (FakeOpenAiServer fake = FakeOpenAiServer.start()) {
      OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(fake.baseUrl()).apiKey("sk-bench").maxRetries(0).build();
      ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-4o-mini")
          .maxCompletionTokens(100).addUserMessage("How do I reset my password?").build();
      // Warm-up without the provider's latency: the JIT compilers need many calls to reach steady
      // state, and on 2 cores they compete with the calls being timed (C2 alone took ~40% of the CPU
      // of a 2,000-call warm-up). A service that runs for hours is measured at steady state.
      for (int i = 0; i < warmup; i++) client.chat().completions().create(params);
      fake.setLatencyMillis(latency);
      long heapStart = usedHeapAfterGc();
      long heapAtCheckpoint = -1;
      long[] nanos = new long[calls];
      // CPU time per call as well as wall time: on a shared 2-core machine wall time swings with
      // whatever else runs, while the CPU the calling thread and the whole process spend does not.
      java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      com.sun.management.ThreadMXBean allocations = (com.sun.management.ThreadMXBean) threads;
      long tid = Thread.currentThread().getId();
      jdk.jfr.Recording jfr = startJfr();
      long allocated0 = allocations.getThreadAllocatedBytes(tid);
      long allAllocated0 = allocatedByAllThreads(allocations);
      long threadCpu0 = threads.getCurrentThreadCpuTime();
      long processCpu0 = os.getProcessCpuTime();
      long switches0 = contextSwitches();
      for (int i = 0; i < calls; i++) {
        long t0 = System.nanoTime();
        client.chat().completions().create(params);
        nanos[i] = System.nanoTime() - t0;
        if (i + 1 == checkpoint) heapAtCheckpoint = usedHeapAfterGc();
        if (fake.requests().size() > 10_000) fake.clear();
      }
      double threadCpuPerCall = (threads.getCurrentThreadCpuTime() - threadCpu0) / 1e3 / calls;
      double processCpuPerCall = (os.getProcessCpuTime() - processCpu0) / 1e3 / calls;
      double switchesPerCall = (double) (contextSwitches() - switches0) / calls;
      double allocatedPerCall = (allocations.getThreadAllocatedBytes(tid) - allocated0) / 1024.0 / calls;
      double allAllocatedPerCall = (allocatedByAllThreads(allocations) - allAllocated0) / 1024.0 / calls;
      if (jfr != null) {
        jfr.stop();
        jfr.close();
      }
      long heapEnd = usedHeapAfterGc();
      Arrays.sort(nanos);
      System.out.printf("p50_us=%.1f p90_us=%.1f p99_us=%.1f thread_cpu_us=%.1f process_cpu_us=%.1f switches=%.2f"
          + " thread_alloc_kb=%.2f process_alloc_kb=%.2f heap_start_kb=%d heap_checkpoint_kb=%d heap_end_kb=%d%n",
          nanos[calls / 2] / 1e3, nanos[calls * 9 / 10] / 1e3, nanos[calls * 99 / 100] / 1e3,
          threadCpuPerCall, processCpuPerCall, switchesPerCall, allocatedPerCall, allAllocatedPerCall,
          heapStart / 1024, heapAtCheckpoint / 1024, heapEnd / 1024);
    }
    System.exit(0);
  }

  /**
   * Thread hand-offs (voluntary plus involuntary context switches of every thread of this JVM),
   * read from Linux's /proc; -1 elsewhere. Each one is a wake-up a 2-core machine must schedule.
   */
  static long contextSwitches() {
    java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
    if (tasks == null) return -1;
    long sum = 0;
    for (java.io.File t : tasks) {
      try {
        for (String line : java.nio.file.Files.readAllLines(new java.io.File(t, "status").toPath())) {
          if (line.endsWith("ctxt_switches:") || !line.contains("ctxt_switches:")) continue;
          sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
        }
      } catch (java.io.IOException | RuntimeException gone) {
        // The thread ended between the listing and the read.
      }
    }
    return sum;
  }

  /** Bytes allocated so far by the threads alive now (the server's, the agent's audit writer, the caller). */
  static long allocatedByAllThreads(com.sun.management.ThreadMXBean threads) {
    long sum = 0;
    for (long a : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) if (a > 0) sum += a;
    return sum;
  }

  /** A JFR recording of the timed calls when {@code -Dbench.jfr} names its file; else null. */
  static jdk.jfr.Recording startJfr() throws Exception {
    String file = System.getProperty("bench.jfr");
    if (file == null) return null;
    java.util.Map<String, String> settings = new java.util.HashMap<>(jdk.jfr.Configuration.getConfiguration("profile").getSettings());
    settings.put("jdk.ExecutionSample#period", "1 ms");
    jdk.jfr.Recording r = new jdk.jfr.Recording(settings);
    r.setDestination(java.nio.file.Path.of(file));
    r.start();
    return r;
  }

  static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
