package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.GovernedCall;
import net.bytebuddy.asm.Advice;

/**
 * Marks the thread as inside a governed client call for the duration of the woven method (see
 * {@link GovernedCall}), where the decision itself is taken at another hook point of the same call.
 */
public final class FunnelMarkAdvice {
  private FunnelMarkAdvice() {}

  @Advice.OnMethodEnter
  public static void enter() {
    GovernedCall.enter();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit() {
    GovernedCall.exit();
  }
}
