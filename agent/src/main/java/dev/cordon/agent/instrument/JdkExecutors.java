package dev.cordon.agent.instrument;

import dev.cordon.agent.log.Log;
import dev.cordon.agent.runtime.AgentRuntime;
import dev.cordon.agent.runtime.PolicyState;
import dev.cordon.bootstrap.Guard;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Retransforms the JDK's executors so that async work carries the inbound request's headers, but
 * only in an application that serves HTTP through servlets and whose policy has http_header
 * principals: every other JVM keeps its executors untouched (and pays no Byte Buddy start-up for them).
 */
public final class JdkExecutors {
  private JdkExecutors() {}

  private static volatile Instrumentation inst;
  private static volatile AgentRuntime runtime;
  private static volatile boolean requested;

  /** Called once at start-up. */
  public static void init(Instrumentation instrumentation, AgentRuntime agentRuntime) {
    inst = instrumentation;
    runtime = agentRuntime;
  }

  static boolean enabled() {
    return Targets.executorsEnabled;
  }

  /** A servlet container's HttpServlet is being woven: decide, off this class-loading thread, whether to carry headers. */
  static void servletContainerSeen() {
    if (requested || inst == null) return;
    requested = true;
    Thread t = new Thread(() -> {
      Guard.markAgentThread(dev.cordon.agent.AgentKey.KEY);
      PolicyState st = runtime.state();
      if (st == null || st.policy() == null || !st.policy().principalSelector().usesHeaders()) return;
      Targets.executorsEnabled = true;
      try {
        // CompletableFuture's own executor when the common pool has a single thread (2 cores or fewer).
        Class<?> perTask = Class.forName("java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor");
        inst.retransformClasses(ThreadPoolExecutor.class, ForkJoinPool.class, perTask);
        Log.get().debug("executors carry inbound request headers into async work");
      } catch (Throwable e) {
        Log.get().error("could not instrument the JDK executors ({}); async work will not carry request headers", e.toString());
      }
    }, "cordon-executors");
    t.setDaemon(true);
    t.start();
  }
}
