package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code jdk.internal.net.http.HttpClientImpl.sendAsync(request, handler, push, executor)},
 * which {@code send} and {@code sendAsync} both call on the caller's thread: an AI request is decided
 * here, and request and body handler may be replaced. Inlined into a JDK class, so it may only
 * reference boot-class-path types.
 */
public final class JdkSendAsyncAdvice {
  private JdkSendAsyncAdvice() {}

  @Advice.OnMethodEnter
  public static Object[] enter(
      @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request,
      @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object handler) {
    Object[] state = Dispatch.wireRequest("jdk", request, handler);
    if (state != null) {
      request = state[0];
      handler = state[1];
    }
    return state;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Enter Object[] state,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object future,
      @Advice.Thrown Throwable thrown) {
    if (state != null) future = Dispatch.wireResponse("jdk", state, future, thrown);
  }
}
