package dev.cordon.agent;

import dev.cordon.agent.audit.AuditLog;
import dev.cordon.agent.config.AgentOptions;
import dev.cordon.agent.config.EarlyDatasets;
import dev.cordon.agent.config.PolicyHints;
import dev.cordon.agent.config.PolicyLocator;
import dev.cordon.agent.files.FileGovernor;
import dev.cordon.agent.instrument.JdbcHooks;
import dev.cordon.agent.instrument.JdkFileHooks;
import dev.cordon.agent.instrument.JdkSocketHooks;
import dev.cordon.agent.transport.SocketBackstop;
import dev.cordon.agent.log.Log;
import dev.cordon.agent.instrument.LazyTransformer;
import dev.cordon.agent.instrument.WeaveReport;
import dev.cordon.agent.runtime.AgentRuntime;
import dev.cordon.agent.runtime.CordonHooks;
import dev.cordon.agent.runtime.PolicyState;
import dev.cordon.bootstrap.Dispatch;
import dev.cordon.bootstrap.Guard;
import dev.cordon.bootstrap.HookHandoff;
import dev.cordon.policy.FileGlobSet;
import dev.cordon.policy.Policy;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;

/**
 * The agent proper, entered from {@link dev.cordon.bootstrap.AgentLauncher} inside the private
 * class loader. {@code premain} does only what must happen before the application's first class
 * loads (find the policy file, install the hooks and one name-checking transformer); parsing the
 * policy, opening the audit log and anything involving Byte Buddy happen later or elsewhere, so
 * an application that never calls an AI SDK pays almost nothing at start-up.
 */
public final class AgentMain {
  private AgentMain() {}

  private static final long FILE_HOOKS_WAIT_S = 30;

  /** Offers the hooks, then initialises Dispatch so it seals them into a static final field. */
  private static void installHooks(CordonHooks hooks) {
    if (!HookHandoff.offer(hooks)) throw new IllegalStateException("Cordon's hooks were already installed");
    try {
      Class.forName(Dispatch.class.getName(), true, null);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Cordon's boot classes are not in the boot loader", e);
    }
  }

  public static void start(String args, Instrumentation inst, String agentJar, boolean atStartup) {
    // First: only code holding this key may switch governance off for a thread.
    Guard.seal(AgentKey.KEY);
    AgentOptions options = AgentOptions.from(args);
    Path policyPath = PolicyLocator.locate(options.policy());
    PolicyHints hints = PolicyHints.of(policyPath);
    // With file datasets, premain ends by weaving the JDK's file funnels and waiting to know where the
    // datasets are: they are read meanwhile, on a thread of their own. (Loading ASM ahead on another
    // thread as well was measured: it made no difference to when main starts, so it is not done.)
    FutureTask<FileGlobSet> datasetsAhead = hints.files() ? readDatasetsAhead(policyPath) : null;
    AgentRuntime runtime = new AgentRuntime(options, policyPath);
    FileGovernor files = new FileGovernor(runtime, agentJar);
    SocketBackstop backstop = new SocketBackstop(runtime);
    CordonHooks hooks = new CordonHooks(runtime, files, backstop);
    installHooks(hooks);
    WeaveReport report = new WeaveReport(runtime);
    CountDownLatch fileHooksSettled = new CountDownLatch(1);
    // The connect funnels are woven only once some policy governs AI traffic (AI rules or endpoints),
    // and before the first governed call is let through.
    // (Anonymous classes, not lambdas, on this path: each lambda's first call spins a class through
    // the JDK's bytecode generator, ~1 ms apiece in a JVM that has compiled nothing yet.)
    runtime.onStateBeforeReady(new Consumer<PolicyState>() {
      @Override
      public void accept(PolicyState st) {
        backstop.policyChanged(st);
        if (SocketBackstop.governs(st.policy())) JdkSocketHooks.install(inst, report);
      }
    });
    // The JDK's file funnels are woven only once some policy declares file datasets.
    Consumer<Policy> filePolicy = new Consumer<Policy>() {
      @Override
      public void accept(Policy policy) {
        files.policyChanged(policy);
        if (FileGovernor.governsFiles(policy)) JdkFileHooks.install(inst, report);
        fileHooksSettled.countDown();
        JdkFileHooks.announce();
      }
    };
    // The first policy reaches the file governor as soon as it is parsed: the application may start
    // then, while the audit log opens; a dataset access meanwhile waits for the state, as decisions do.
    // (Each step above is idempotent, so the first policy arriving again with its state costs nothing.)
    runtime.onParsed(filePolicy);
    runtime.onState(new Consumer<PolicyState>() {
      @Override
      public void accept(PolicyState st) {
        filePolicy.accept(st.policy());
        if (governsJdbc(st.policy())) JdbcHooks.enable(inst, report, AgentMain.class.getClassLoader());
      }
    });
    inst.addTransformer(new LazyTransformer(AgentMain.class.getClassLoader(), report, inst), true);
    dev.cordon.agent.instrument.JdkExecutors.init(inst, runtime);

    // JDBC drivers load after premain: with a policy that may govern a database they are woven as they load.
    if (hints.jdbc()) JdbcHooks.enableAtStart();
    FutureTask<FileGlobSet> readAhead = datasetsAhead;
    Thread init = new Thread(new Runnable() {
      @Override
      public void run() {
        Guard.markAgentThread(dev.cordon.agent.AgentKey.KEY);
        try {
          // Where the datasets are first: once it is known which opens may go ahead, so may the
          // application (a dataset access still waits for the whole policy). Without it, the whole policy.
          FileGlobSet globs = datasetsAheadResult(readAhead);
          if (globs != null) {
            files.datasetsAhead(globs);
            fileHooksSettled.countDown();
          }
          runtime.initialize();
        } finally {
          fileHooksSettled.countDown();
        }
        LazyTransformer.retransformLoaded(inst, report);
      }
    }, "cordon-init");
    init.setDaemon(true);
    init.start();
    if (hints.files()) {
      // File opens cannot wait for the policy the way AI calls do (class loading goes through them),
      // so when the policy may declare file datasets the application starts only once they are hooked
      // and the file governor knows where the datasets are. The funnels are woven here while
      // cordon-init reads the policy, not after it.
      try {
        JdkFileHooks.install(inst, report);
      } catch (RuntimeException | LinkageError e) {
        Log.get().error("could not weave the JDK's file funnels: {}; file opens are NOT governed", e.toString());
      }
      ClassLists.load(AgentMain.class.getClassLoader(), ClassLists.PARSE, fileHooksSettled);
      if (fileHooksSettled.getCount() > 0) AuditLog.prepare();
      awaitQuietly(fileHooksSettled);
    }

    Thread shutdown = new Thread(new Runnable() {
      @Override
      public void run() {
        Guard.markAgentThread(dev.cordon.agent.AgentKey.KEY);
        // Never wait for the policy here: a short-lived app must not pay for a parse it never needed.
        hooks.flushAtExit();
        if (runtime.audit() != null) runtime.audit().close();
      }
    }, "cordon-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
  }

  /** {@link EarlyDatasets#read} on a thread of its own, started now. */
  private static FutureTask<FileGlobSet> readDatasetsAhead(Path policyPath) {
    FutureTask<FileGlobSet> task = new FutureTask<>(new Callable<FileGlobSet>() {
      @Override
      public FileGlobSet call() {
        // Its reads must never be governed, even once the file funnels are woven.
        Guard.markAgentThread(AgentKey.KEY);
        return EarlyDatasets.read(policyPath);
      }
    });
    Thread t = new Thread(task, "cordon-datasets");
    t.setDaemon(true);
    t.start();
    return task;
  }

  /** The datasets read ahead, or null (none read, or no sound answer). */
  private static FileGlobSet datasetsAheadResult(FutureTask<FileGlobSet> task) {
    if (task == null) return null;
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return null;
    }
  }

  /** True when the policy names some database: only then are JDBC classes worth weaving. */
  private static boolean governsJdbc(Policy policy) {
    if (policy == null) return false;
    for (dev.cordon.policy.DatasetDef d : policy.datasets()) if (d.jdbcUrl() != null) return true;
    return false;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      if (!latch.await(FILE_HOOKS_WAIT_S, TimeUnit.SECONDS)) {
        System.err.println("[cordon] the policy took over " + FILE_HOOKS_WAIT_S
            + " s to load; file opens before it did were not governed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
