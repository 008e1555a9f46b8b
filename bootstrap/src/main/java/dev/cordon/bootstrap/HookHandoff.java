package dev.cordon.bootstrap;

/**
 * Hands the agent's {@link Hooks} to {@link Dispatch} exactly once. Dispatch copies them into a
 * {@code static final} field during its own initialisation, which the agent forces right after
 * offering; from then on reflection cannot swap or clear the hooks (the JDK refuses writes to
 * static finals even after {@code setAccessible}), and this hand-off refuses further offers.
 */
public final class HookHandoff {
  private HookHandoff() {}

  private static Hooks pending;
  private static boolean closed;

  /** Offers the hooks; false when hooks were already handed over. */
  public static synchronized boolean offer(Hooks hooks) {
    if (closed) return false;
    pending = hooks;
    return true;
  }

  static synchronized Hooks take() {
    Hooks h = pending;
    pending = null;
    closed = true;
    return h;
  }
}
