package dev.cordon.bootstrap;

/**
 * Per-thread re-entrancy guard. While a thread is inside Cordon (deciding, auditing, reading its
 * own files) every hook it passes through again is skipped, so the agent's own I/O never governs
 * itself. Agent-owned threads are marked once and stay guarded for life.
 *
 * <p>Entering the guard switches governance off for the thread, so only Cordon may do it: the
 * entry points {@link Dispatch} uses are package-private, and the public ones demand the key the
 * agent sealed in at start-up (an object the application's class loader cannot name). Deep
 * reflection into the agent remains out of scope for an in-process control (see the README).
 */
public final class Guard {
  private Guard() {}

  /** Depth counter per thread; an int[] so that entering and leaving allocate nothing. */
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private static volatile Object key;

  /** Sets the agent's key, once; false if a key was already set. */
  public static synchronized boolean seal(Object agentKey) {
    if (key != null || agentKey == null) return false;
    key = agentKey;
    return true;
  }

  private static boolean holds(Object k) {
    Object sealed = key;
    return sealed != null && k == sealed;
  }

  /** True when the current thread is already inside Cordon. */
  public static boolean active() {
    return DEPTH.get()[0] != 0;
  }

  /** Enters Cordon; returns false (and changes nothing) when the thread was already inside. */
  static boolean tryEnter() {
    int[] d = DEPTH.get();
    if (d[0] != 0) return false;
    d[0] = 1;
    return true;
  }

  /** Leaves Cordon; pairs with a successful {@link #tryEnter()}. */
  static void exit() {
    int[] d = DEPTH.get();
    if (d[0] == 1) d[0] = 0;
  }

  /** {@link #tryEnter()} for the agent's own code, which must show its key; false without it. */
  public static boolean tryEnter(Object agentKey) {
    return holds(agentKey) && tryEnter();
  }

  /** {@link #exit()} for the agent's own code. */
  public static void exit(Object agentKey) {
    if (holds(agentKey)) exit();
  }

  /** Marks the current thread as one of the agent's own: it is never governed. Needs the agent's key. */
  public static void markAgentThread(Object agentKey) {
    if (holds(agentKey)) DEPTH.get()[0] = 2;
  }
}
