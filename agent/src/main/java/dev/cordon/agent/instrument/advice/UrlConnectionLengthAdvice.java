package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code sun.net.www.protocol.http.HttpURLConnection.getHeaderField(String)} (which
 * {@code getContentLength()} and {@code getContentLengthLong()} read): when output redaction may
 * have changed the body of a governed call, its Content-Length is reported as absent, so an
 * application sizing its read by it neither truncates nor waits for bytes that never come.
 */
public final class UrlConnectionLengthAdvice {
  private UrlConnectionLengthAdvice() {}

  @Advice.OnMethodExit
  public static void exit(@Advice.This Object connection, @Advice.Argument(0) String name,
      @Advice.Return(readOnly = false) String value) {
    if (value != null && name != null && name.equalsIgnoreCase("content-length")) {
      value = (String) Dispatch.wireBody("urlconnection-length", connection, value, null);
    }
  }
}
