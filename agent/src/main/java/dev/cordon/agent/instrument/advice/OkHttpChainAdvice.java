package dev.cordon.agent.instrument.advice;

import dev.cordon.CordonAccessDeniedException;
import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into OkHttp's {@code RealInterceptorChain.proceed(request)}; acts at index 0, where a call
 * enters its chain once, before any interceptor: the decided request replaces the original
 * (rewritten body, no governed-call header) and the response is watched, or held back and blocked
 * for its tool calls; where OkHttp's bridge interceptor begins (after the application's
 * interceptors and any redirect, before connecting), where a request they changed is decided
 * again; and at the last index, just before the request is written, where a scoped key
 * replaces the application's (and the response reports the request without it). On an enqueued call (state[1] set) such a deny is thrown as an
 * IOException with the deny as its cause, which OkHttp hands to the application's
 * {@code onFailure}; any other throwable would also kill OkHttp's dispatcher thread.
 */
public final class OkHttpChainAdvice {
  private OkHttpChainAdvice() {}

  @Advice.OnMethodEnter
  public static Object[] enter(@Advice.FieldValue("index") int index, @Advice.FieldValue("call") Object call,
      @Advice.FieldValue(value = "interceptors", typing = Assigner.Typing.DYNAMIC) java.util.List<?> interceptors,
      @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request) {
    Object[] state;
    if (index == 0) {
      state = Dispatch.wireRequest("okhttp", request, call);
    } else if (index == interceptors.size() - 1) {
      // The network end: the scoped key, if any, goes on here, after every application interceptor.
      state = Dispatch.wireRequest("okhttp-net", request, call);
    } else if ("okhttp3.internal.http.BridgeInterceptor".equals(interceptors.get(index).getClass().getName())) {
      // After the application's interceptors and redirects, before connecting: a changed request is decided again.
      state = Dispatch.wireRequest("okhttp-bridge", request, call);
    } else {
      return null;
    }
    if (state != null) request = state[0];
    return state;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Enter Object[] state, @Advice.FieldValue("index") int index,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    if (state == null) return;
    try {
      response = Dispatch.wireResponse(index == 0 ? "okhttp" : "okhttp-net", state, response, thrown);
    } catch (CordonAccessDeniedException deny) {
      response = null;
      thrown = deny;
    }
    // A deny from further down the chain (the network end decides again when the request changed)
    // or from the response: an enqueued call must see it as an IOException in onFailure.
    if (thrown instanceof CordonAccessDeniedException && index == 0 && state[1] == Boolean.TRUE) {
      thrown = new java.io.IOException(thrown.getMessage(), thrown);
    }
  }
}
