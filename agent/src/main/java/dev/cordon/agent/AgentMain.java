package dev.cordon.agent;

import dev.cordon.agent.ai.PendingCalls;
import dev.cordon.agent.config.AgentOptions;
import dev.cordon.agent.config.PolicyLocator;
import dev.cordon.agent.instrument.LazyTransformer;
import dev.cordon.agent.instrument.WeaveReport;
import dev.cordon.agent.runtime.AgentRuntime;
import dev.cordon.agent.runtime.CordonHooks;
import dev.cordon.bootstrap.Dispatch;
import dev.cordon.bootstrap.Guard;
import dev.cordon.bootstrap.HookHandoff;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;

/**
 * The agent proper, entered from {@link dev.cordon.bootstrap.AgentLauncher} inside the private
 * class loader. {@code premain} does only what must happen before the application's first class
 * loads (find the policy file, install the hooks and one name-checking transformer); parsing the
 * policy, opening the audit log and anything involving Byte Buddy happen later or elsewhere, so
 * an application that never calls an AI SDK pays almost nothing at start-up.
 */
public final class AgentMain {
  private AgentMain() {}

  /** Offers the hooks, then initialises Dispatch so it seals them into a static final field. */
  private static void installHooks(CordonHooks hooks) {
    if (!HookHandoff.offer(hooks)) throw new IllegalStateException("Cordon's hooks were already installed");
    try {
      Class.forName(Dispatch.class.getName(), true, null);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Cordon's boot classes are not on the boot class path", e);
    }
  }

  public static void start(String args, Instrumentation inst, String agentJar, boolean atStartup) {
    AgentOptions options = AgentOptions.from(args);
    Path policyPath = PolicyLocator.locate(options.policy());
    AgentRuntime runtime = new AgentRuntime(options, policyPath);
    installHooks(new CordonHooks(runtime));
    WeaveReport report = new WeaveReport(runtime);
    inst.addTransformer(new LazyTransformer(AgentMain.class.getClassLoader(), report, inst), true);

    Thread init = new Thread(() -> {
      Guard.markAgentThread();
      runtime.initialize();
      LazyTransformer.retransformLoaded(inst, report);
    }, "cordon-init");
    init.setDaemon(true);
    init.start();

    Thread shutdown = new Thread(() -> {
      Guard.markAgentThread();
      // Never wait for the policy here: a short-lived app must not pay for a parse it never needed.
      PendingCalls.flushAll();
      if (runtime.audit() != null) runtime.audit().close();
    }, "cordon-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
  }
}
