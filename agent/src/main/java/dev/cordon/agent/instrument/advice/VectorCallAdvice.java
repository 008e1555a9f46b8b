package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/** Woven into embedding-store / vector-store writes (add, addAll, remove, removeAll, delete): decided before they run. */
public final class VectorCallAdvice {
  private VectorCallAdvice() {}

  @Advice.OnMethodEnter
  public static Object enter(@Advice.This Object store, @Advice.Origin("#m") String method) {
    return Dispatch.vectorEnter(store, method);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Enter Object token, @Advice.Thrown Throwable thrown) {
    Dispatch.vectorExit(token, null, thrown);
  }
}
