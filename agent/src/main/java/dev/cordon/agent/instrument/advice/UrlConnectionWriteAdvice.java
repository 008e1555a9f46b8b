package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code sun.net.www.protocol.http.HttpURLConnection.writeRequests()}: the AI request is
 * decided before its first byte is written. A rewritten body replaces the buffered one: a fresh
 * {@code PosterOutputStream} (the field's type) holding the new bytes. It is created reflectively
 * because the advice runs inside java.base, where that class is accessible, while the agent's own
 * code is compiled without access to JDK internals.
 */
public final class UrlConnectionWriteAdvice {
  private UrlConnectionWriteAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.This Object connection,
      @Advice.FieldValue(value = "poster", readOnly = false, typing = Assigner.Typing.DYNAMIC) Object poster)
      throws Exception {
    Object[] state = Dispatch.wireRequest("urlconnection", connection, poster);
    if (state != null && state[1] instanceof byte[]) {
      byte[] body = (byte[]) state[1];
      java.io.ByteArrayOutputStream replacement = (java.io.ByteArrayOutputStream)
          Class.forName("sun.net.www.http.PosterOutputStream").getConstructor().newInstance();
      replacement.write(body, 0, body.length);
      poster = replacement;
    }
  }
}
