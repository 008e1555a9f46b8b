package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * Woven into OkHttp's {@code RealCall.execute()} and {@code RealCall.enqueue(callback)}: an AI call
 * is decided on the thread of the code that starts it (so an asynchronous call belongs to its
 * caller, and a deny is thrown at the application's call).
 */
public final class OkHttpCallStartAdvice {
  private OkHttpCallStartAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.This Object call) {
    Dispatch.wireCallStarted("okhttp", call);
  }
}
