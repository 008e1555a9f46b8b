package dev.cordon.agent.files;

import dev.cordon.CordonAccessDeniedException;
import dev.cordon.agent.audit.AuditLog;
import dev.cordon.agent.data.DatasetVerdict;
import dev.cordon.agent.data.WeakIdentityMap;
import dev.cordon.agent.principal.Caller;
import dev.cordon.agent.runtime.AgentRuntime;
import dev.cordon.agent.runtime.PolicyState;
import dev.cordon.bootstrap.Dispatch;
import dev.cordon.policy.Action;
import dev.cordon.policy.DatasetDef;
import dev.cordon.policy.DatasetRef;
import dev.cordon.policy.FileGlobSet;
import dev.cordon.policy.Policy;

/**
 * Decides file opens against the policy's file datasets (spec 4, {@code dataset.read} /
 * {@code dataset.write}). The application's thread first asks {@link #isClean}, an allocation-free
 * lookup; only a path not known to be clean is resolved to its real path, and only a real path
 * inside a dataset costs a stack walk, a decision and an audit entry.
 */
public final class FileGovernor {
  /** The JDK's own files (class files, cacerts, time zones) are never governed, whatever a glob says. */
  private static final String JAVA_HOME = RealPaths.folderPrefix(System.getProperty("java.home"));

  private final AgentRuntime runtime;
  private final String agentJar;
  /** Replaced with every policy: a path clean under one policy may be governed by the next. */
  private volatile View view = new View(null, null, new CleanPaths(), false);
  private boolean clockStarted;

  /** {@code ahead}: before the first policy, the datasets' globs read ahead of it (policy is then null). */
  private record View(Policy policy, FileGlobSet ahead, CleanPaths clean, boolean governsFiles) {}

  public FileGovernor(AgentRuntime runtime, String agentJar) {
    this.runtime = runtime;
    this.agentJar = RealPaths.file(agentJar);
  }

  /** True when the policy has file datasets: only then are the JDK's file funnels worth weaving. */
  public static boolean governsFiles(Policy policy) {
    if (policy == null) return false;
    for (DatasetDef d : policy.datasets()) if (!d.files().isEmpty()) return true;
    return false;
  }

  /** Set by the first real policy (or its absence): from then on a datasets-only policy is ignored. */
  private boolean policySeen;

  /**
   * Before the policy is parsed: the globs of its datasets, read ahead ({@code EarlyDatasets}, a
   * superset), so that opens outside every one need not wait for the parse. A path inside one is
   * decided with the whole policy ({@link #access} waits for it, then decides with the state in force).
   */
  public synchronized void datasetsAhead(FileGlobSet globs) {
    if (policySeen) return;
    view = new View(null, globs, new CleanPaths(), !globs.isEmpty());
    startClock(view.governsFiles);
  }

  /** Called for every loaded or reloaded policy. */
  public synchronized void policyChanged(Policy policy) {
    policySeen = true;
    apply(policy);
  }

  private void apply(Policy policy) {
    // The first policy arrives twice (parsed, then in force): keep what was learnt in between.
    if (policy != null && policy == view.policy) return;
    boolean files = governsFiles(policy);
    view = new View(policy, null, new CleanPaths(), files);
    startClock(files);
  }

  private void startClock(boolean files) {
    if (files && !clockStarted) {
      clockStarted = true;
      FileClock.start(this);
    }
  }

  /** The hot path: zero allocation, no locks, never throws. */
  public boolean isClean(String path) {
    View v = view;
    return !v.governsFiles || v.clean.isClean(path);
  }

  void tick() {
    view.clean.tick();
  }

  /** A rename or link inside this JVM: every cached answer is void. */
  public void changed() {
    view.clean.invalidate();
  }

  /** Directories of open {@code SecureDirectoryStream}s, for their {@code openat}-relative opens. */
  private final WeakIdentityMap<Object, String> directories = new WeakIdentityMap<>();

  public void directoryOpened(Object stream, String directory) {
    if (view.governsFiles) directories.put(stream, directory);
  }

  /** The path an entry of a SecureDirectoryStream stands for; an unknown stream fails (closed in enforce). */
  public String inDirectory(Object stream, String name) {
    if (!view.governsFiles) return null;
    if (name.startsWith("/")) return name;
    String dir = directories.get(stream);
    if (dir == null) {
      throw new IllegalStateException("a SecureDirectoryStream opened before file datasets were governed");
    }
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  /** The slow path (inside Cordon's re-entrancy guard). Throws {@link CordonAccessDeniedException} to block. */
  public void access(String given, int access) {
    View v = view;
    if (!v.governsFiles) return;
    String real = RealPaths.resolve(given, (access & Dispatch.NO_FOLLOW) == 0);
    if (real == null) return; // not a valid path: the open itself fails
    DatasetRef ref = null;
    boolean inDataset = false;
    if (!neverGoverned(real)) {
      if (v.policy != null) inDataset = (ref = v.policy.datasetForFile(real)) != null;
      else inDataset = v.ahead != null && v.ahead.indexOf(real) >= 0;
    }
    if (!inDataset) {
      // A no-follow answer says nothing about where the path leads when opened: not cached.
      if ((access & Dispatch.NO_FOLLOW) == 0) v.clean.markClean(given);
      return;
    }
    PolicyState st = runtime.state();
    if (st == null || st.policy() != v.policy) {
      // A reload is under way, or the view held only the datasets: decide with the state in force,
      // never with a stale view. An invalid first policy governs no files (the view says so by now).
      if (st != null && st.policy() == null && !view.governsFiles) return;
      if (st == null || st.policy() == null) throw new IllegalStateException("no policy to decide a dataset access");
      ref = st.policy().datasetForFile(real);
      if (ref == null) return;
    }
    Caller caller = st.callers().resolve();
    CordonAccessDeniedException deny = null;
    if ((access & Dispatch.READ) != 0) deny = decide(st, caller, Action.DATASET_READ, ref, real);
    if ((access & Dispatch.WRITE) != 0) {
      CordonAccessDeniedException w = decide(st, caller, Action.DATASET_WRITE, ref, real);
      if (deny == null) deny = w;
    }
    if (deny != null) throw deny;
  }

  private CordonAccessDeniedException decide(PolicyState st, Caller caller, Action action, DatasetRef ref, String real) {
    DatasetVerdict v = DatasetVerdict.decide(st, caller, action, ref);
    AuditLog audit = runtime.audit();
    if (audit != null) audit.append(v.event().put("path", real));
    if (!v.block()) {
      // What this thread may go on to upload came from here (a fine-tuning job is held to it).
      if (action == Action.DATASET_READ) dev.cordon.agent.ai.UploadProvenance.datasetRead(ref.dataset().id());
      return null;
    }
    return new CordonAccessDeniedException(v.reason(), caller.principal(), action.wireName(), ref.id(),
        v.decision().ruleId());
  }

  private boolean neverGoverned(String real) {
    return (JAVA_HOME != null && real.startsWith(JAVA_HOME)) || real.equals(agentJar);
  }
}
