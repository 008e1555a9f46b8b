package dev.cordon.agent;

/**
 * The key that lets the agent's own threads switch governance off for themselves
 * ({@link dev.cordon.bootstrap.Guard}). It lives in the agent's private class loader, which the
 * application cannot name, and is sealed into the guard first thing in {@code premain}.
 */
public final class AgentKey {
  private AgentKey() {}

  public static final Object KEY = new Object();
}
