package dev.cordon.agent.runtime;

import dev.cordon.agent.audit.AuditEvent;
import dev.cordon.agent.audit.AuditLog;
import dev.cordon.agent.config.AgentOptions;
import dev.cordon.agent.config.ServiceName;
import dev.cordon.policy.Mode;
import dev.cordon.policy.Policy;
import dev.cordon.policy.PolicyException;
import dev.cordon.policy.PolicyLoader;
import dev.cordon.policy.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.cordon.agent.log.Log;

/**
 * Owns what the agent enforces: loads the policy off the application's main thread (governed calls
 * wait for it), resolves the global mode, opens the audit log, and swaps in a new
 * {@link PolicyState} when the file changes. A rejected reload keeps the previous state.
 */
public final class AgentRuntime {
  private static final long WAIT_FOR_POLICY_MS = 30_000;

  private final AgentOptions options;
  private final Path policyPath;
  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile PolicyState state;
  private volatile AuditLog audit;
  private volatile byte[] lastSeen;
  private final java.util.List<java.util.function.Consumer<PolicyState>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public AgentRuntime(AgentOptions options, Path policyPath) {
    this.options = options;
    this.policyPath = policyPath;
  }

  /** The state to decide with; waits for the first load. Null only if loading has hung (then the caller fails by mode). */
  public PolicyState state() {
    PolicyState s = state;
    if (s != null) return s;
    try {
      ready.await(WAIT_FOR_POLICY_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return state;
  }

  /** The state in force now, without waiting for the first load (null until then): for hooks that must never block. */
  public PolicyState stateNow() {
    return state;
  }

  /** Same as {@link #stateNow()}. */
  public PolicyState current() {
    return state;
  }

  public AuditLog audit() {
    return audit;
  }

  /**
   * Called with every state that comes into force (the first load, each accepted reload), on the
   * agent's own thread: what a policy declares decides which hooks are worth weaving.
   */
  public void onState(java.util.function.Consumer<PolicyState> listener) {
    listeners.add(listener);
  }

  /**
   * Like {@link #onState}, but the first state reaches this listener before {@link #state()} lets
   * waiting governed calls go: for hooks that must be in place before the first governed call runs.
   */
  public void onStateBeforeReady(java.util.function.Consumer<PolicyState> listener) {
    early.add(listener);
    listeners.add(listener);
  }

  private final java.util.List<java.util.function.Consumer<PolicyState>> early =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private volatile java.util.function.Consumer<Policy> parsed;

  /**
   * Called once, on the agent's init thread, with the first policy as soon as it is parsed (null when
   * there is none or it is invalid), before the audit log is opened and the state comes into force:
   * for what must know the policy before the application may start, but not wait for the rest.
   * Decisions still wait for {@link #state()}.
   */
  public void onParsed(java.util.function.Consumer<Policy> listener) {
    parsed = listener;
  }

  private void announceParsed(Policy policy) {
    java.util.function.Consumer<Policy> l = parsed;
    if (l == null) return;
    try {
      l.accept(policy);
    } catch (RuntimeException e) {
      Log.get().warn("applying the policy failed: {}", e.toString());
    }
  }

  private void announce(PolicyState s) {
    announce(s, listeners);
  }

  private static void announce(PolicyState s, java.util.List<java.util.function.Consumer<PolicyState>> to) {
    for (java.util.function.Consumer<PolicyState> l : to) {
      try {
        l.accept(s);
      } catch (RuntimeException e) {
        Log.get().warn("applying the policy failed: {}", e.toString());
      }
    }
  }

  /** The listeners that have not yet been told about the first state. */
  private java.util.List<java.util.function.Consumer<PolicyState>> lateOnly() {
    java.util.List<java.util.function.Consumer<PolicyState>> late = new java.util.ArrayList<>(listeners);
    late.removeAll(early);
    return late;
  }

  /** First load; runs on the agent's init thread. */
  public void initialize() {
    try {
      Policy policy = null;
      List<Problem> problems = List.of();
      String readError = null;
      if (policyPath != null) {
        try {
          byte[] bytes = Files.readAllBytes(policyPath);
          lastSeen = bytes;
          policy = parse(bytes);
        } catch (PolicyException e) {
          problems = e.problems();
        } catch (IOException e) {
          readError = "cannot read " + policyPath + ": " + e.getMessage();
        }
      }
      announceParsed(policy);
      boolean broken = policyPath != null && policy == null;
      ModeResolver.Resolved mode = ModeResolver.resolve(options, policy, broken);
      String service = ServiceName.resolve(policy == null ? null : policy.service());
      Path auditFile = policy != null ? policy.audit().file() : Paths.get("cordon-audit.jsonl").toAbsolutePath();
      audit = AuditLog.open(auditFile, service);
      state = PolicyState.of(policy, mode.mode(), policyPath, failOverride(), service);
      announce(policy, problems, readError, mode, auditFile);
      announce(state, early);
    } finally {
      ready.countDown();
    }
    if (state != null) announce(state, lateOnly());
    if (policyPath != null) PolicyWatcher.start(this, policyPath);
  }

  private Boolean failOverride() {
    String f = options.fail();
    if (f == null) return null;
    return switch (f.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "open" -> Boolean.FALSE;
      case "closed" -> Boolean.TRUE;
      default -> null;
    };
  }

  private Policy parse(byte[] bytes) throws PolicyException {
    String name = policyPath.getFileName().toString();
    return PolicyLoader.parse(new String(bytes, StandardCharsets.UTF_8), policyPath.toString(),
        name.endsWith(".json"), policyPath.toAbsolutePath().getParent());
  }

  private void announce(Policy policy, List<Problem> problems, String readError, ModeResolver.Resolved mode,
      Path auditFile) {
    String m = mode.mode().wireName();
    if (mode.problem() != null) Log.get().warn(mode.problem());
    AuditEvent load = AuditEvent.of("policy.load").put("mode", m);
    if (policyPath != null) load.put("path", policyPath.toString());
    if (policy != null) {
      Log.get().info("policy {} loaded: {} mode, {} rules; audit to {}", policyPath, m, policy.rules().size(), auditFile);
      load.put("outcome", "loaded").put("rules", policy.rules().size());
    } else if (policyPath == null) {
      Log.get().info("no policy found (cordon.yaml or cordon.json); {} mode: {}; audit to {}", m,
          mode.mode() == Mode.ENFORCE ? "every governed AI call is denied" : "AI calls are let through and audited",
          auditFile);
      load.put("outcome", "missing");
    } else {
      if (readError != null) Log.get().warn(readError);
      for (Problem p : problems) Log.get().warn("{}", p);
      Log.get().warn("the policy {} is invalid; {} mode: {}", policyPath, m,
          mode.mode() == Mode.ENFORCE ? "every governed AI call is denied until it is fixed"
              : "AI calls are let through and audited until it is fixed");
      load.put("outcome", "invalid").put("problems", Math.max(problems.size(), readError == null ? 0 : 1));
    }
    audit.append(load);
    if (mode.overrideRefused()) {
      Log.get().warn("lock_mode is set: refusing the mode override '{}' from {}; keeping {}", options.mode(),
          options.modeSource(), m);
      audit.append(AuditEvent.of("policy.mode_override_refused").put("mode", m)
          .put("requested", options.mode()).put("source", options.modeSource()));
    }
  }

  /** Called by the watcher when the file's bytes changed. */
  void reload() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(policyPath);
    } catch (IOException e) {
      rejected(List.of(), "cannot read " + policyPath + ": " + e.getMessage());
      return;
    }
    if (java.util.Arrays.equals(bytes, lastSeen)) return;
    lastSeen = bytes;
    Policy policy;
    try {
      policy = parse(bytes);
    } catch (PolicyException e) {
      rejected(e.problems(), null);
      return;
    }
    ModeResolver.Resolved mode = ModeResolver.resolve(options, policy, false);
    PolicyState previous = state;
    state = PolicyState.of(policy, mode.mode(), policyPath, failOverride(), previous.service());
    announce(state);
    Log.get().info("policy {} reloaded: {} mode, {} rules", policyPath, mode.mode().wireName(), policy.rules().size());
    audit.append(AuditEvent.of("policy.reload").put("path", policyPath.toString())
        .put("mode", mode.mode().wireName()).put("outcome", "loaded").put("rules", policy.rules().size()));
  }

  private void rejected(List<Problem> problems, String readError) {
    if (readError != null) Log.get().warn(readError);
    for (Problem p : problems) Log.get().warn("{}", p);
    Log.get().warn("rejected the changed policy {}; the previous policy stays in force", policyPath);
    AuditEvent e = AuditEvent.of("policy.reload_failed").put("path", policyPath.toString())
        .put("outcome", "rejected").put("problems", Math.max(problems.size(), readError == null ? 0 : 1));
    if (!problems.isEmpty()) e.put("first_problem", problems.get(0).toString());
    if (readError != null) e.put("error", readError);
    audit.append(e);
  }
}
