package dev.cordon.agent.instrument.advice;

import dev.cordon.CordonAccessDeniedException;
import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into OkHttp's {@code RealInterceptorChain.proceed(request)}; acts only at index 0, where a
 * call enters its chain once, before any interceptor: the decided request replaces the original
 * (rewritten body, scoped key, no governed-call header) and the response is watched, or held back
 * and blocked for its tool calls. On an enqueued call (state[1] set) such a deny is thrown as an
 * IOException with the deny as its cause, which OkHttp hands to the application's
 * {@code onFailure}; any other throwable would also kill OkHttp's dispatcher thread.
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
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    if (state == null) return;
    try {
      response = Dispatch.wireResponse("okhttp", state, response, thrown);
    } catch (CordonAccessDeniedException deny) {
      response = null;
      thrown = state[1] == Boolean.TRUE ? new java.io.IOException(deny.getMessage(), deny) : deny;
    }
  }
}
