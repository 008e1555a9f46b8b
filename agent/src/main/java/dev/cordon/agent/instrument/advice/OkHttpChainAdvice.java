package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into OkHttp's {@code RealInterceptorChain.proceed(request)}; acts only at index 0, where a
 * call enters its chain once, before any interceptor: the decided request replaces the original
 * (rewritten body, no governed-call header) and the response body is watched.
 */
public final class OkHttpChainAdvice {
  private OkHttpChainAdvice() {}

  @Advice.OnMethodEnter
  public static Object[] enter(@Advice.FieldValue("index") int index, @Advice.FieldValue("call") Object call,
      @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request) {
    if (index != 0) return null;
    Object[] state = Dispatch.wireRequest("okhttp", request, call);
    if (state != null) request = state[0];
    return state;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Enter Object[] state,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response,
      @Advice.Thrown Throwable thrown) {
    if (state != null) response = Dispatch.wireResponse("okhttp", state, response, thrown);
  }
}
