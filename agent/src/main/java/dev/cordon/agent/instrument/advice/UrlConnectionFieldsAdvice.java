package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code sun.net.www.protocol.http.HttpURLConnection.getHeaderFields()}: the same as
 * {@link UrlConnectionLengthAdvice} for the map of all headers.
 */
public final class UrlConnectionFieldsAdvice {
  private UrlConnectionFieldsAdvice() {}

  @Advice.OnMethodExit
  public static void exit(@Advice.This Object connection,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object fields) {
    if (fields != null) fields = Dispatch.wireBody("urlconnection-fields", connection, fields, null);
  }
}
