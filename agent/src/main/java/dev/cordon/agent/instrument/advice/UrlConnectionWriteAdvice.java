package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code sun.net.www.protocol.http.HttpURLConnection.writeRequests()}: the AI request is
 * decided before its first byte is written. A rewritten body replaces the buffered one (a fresh
 * {@code PosterOutputStream}, the field's type); a scoped key replaces the application's key in the
 * request headers ({@code sun.net.www.MessageHeader}). Both JDK-internal types are reached
 * reflectively: the advice runs inside java.base, where they are accessible, while the agent's own
 * code is compiled without access to JDK internals.
 */
public final class UrlConnectionWriteAdvice {
  private UrlConnectionWriteAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.This Object connection,
      @Advice.FieldValue(value = "poster", readOnly = false, typing = Assigner.Typing.DYNAMIC) Object poster,
      @Advice.FieldValue(value = "requests", typing = Assigner.Typing.DYNAMIC) Object requests)
      throws Exception {
    Object[] state = Dispatch.wireRequest("urlconnection", connection, poster);
    if (state == null) return;
    if (state[1] instanceof byte[]) {
      byte[] body = (byte[]) state[1];
      java.io.ByteArrayOutputStream replacement = (java.io.ByteArrayOutputStream)
          Class.forName("sun.net.www.http.PosterOutputStream").getConstructor().newInstance();
      replacement.write(body, 0, body.length);
      poster = replacement;
    }
    if (state[3] instanceof String[] && requests != null) {
      String[] h = (String[]) state[3];
      java.lang.reflect.Method remove = requests.getClass().getMethod("remove", String.class);
      java.lang.reflect.Method set = requests.getClass().getMethod("set", String.class, String.class);
      for (int i = 2; i < h.length; i++) remove.invoke(requests, h[i]);
      set.invoke(requests, h[0], h[1]);
    }
  }
}
