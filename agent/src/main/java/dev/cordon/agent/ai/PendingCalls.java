package dev.cordon.agent.ai;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Calls whose audit entry waits for the response; written out at shutdown so none is lost. */
public final class PendingCalls {
  private PendingCalls() {}

  private static final Set<AiCall> PENDING = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

  static void add(AiCall c) {
    PENDING.add(c);
  }

  static void remove(AiCall c) {
    PENDING.remove(c);
  }

  public static void flushAll() {
    AiCall[] all;
    synchronized (PENDING) {
      all = PENDING.toArray(new AiCall[0]);
      PENDING.clear();
    }
    for (AiCall c : all) c.abandoned();
  }
}
