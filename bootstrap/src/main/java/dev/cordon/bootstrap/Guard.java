package dev.cordon.bootstrap;

/**
 * Per-thread re-entrancy guard. While a thread is inside Cordon (deciding, auditing, reading its
 * own files) every hook it passes through again is skipped, so the agent's own I/O never governs
 * itself. Agent-owned threads are marked once and stay guarded for life.
 */
public final class Guard {
  private Guard() {}

  /** Depth counter per thread; an int[] so that entering and leaving allocate nothing. */
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  /** True when the current thread is already inside Cordon. */
  public static boolean active() {
    return DEPTH.get()[0] != 0;
  }

  /** Enters Cordon; returns false (and changes nothing) when the thread was already inside. */
  public static boolean tryEnter() {
    int[] d = DEPTH.get();
    if (d[0] != 0) return false;
    d[0] = 1;
    return true;
  }

  /** Leaves Cordon; pairs with a successful {@link #tryEnter()}. */
  public static void exit() {
    int[] d = DEPTH.get();
    if (d[0] == 1) d[0] = 0;
  }

  /** Marks the current thread as one of the agent's own: it is never governed. */
  public static void markAgentThread() {
    DEPTH.get()[0] = 2;
  }
}
