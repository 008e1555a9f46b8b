package com.acme.shared;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * An application interceptor that changes requests after the application built them, keyed on
 * markers in the prompt: {@code REWRITE_MODEL} swaps gpt-4o-mini for gpt-4o in the body,
 * {@code RETARGET} sends the request to port {@code retarget.port}, {@code TAG} only adds a header.
 */
public final class RewritingInterceptor implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    Request req = chain.request();
    String body = bodyOf(req);
    Request.Builder b = req.newBuilder();
    if (body.contains("REWRITE_MODEL")) {
      b.post(RequestBody.create(body.replace("\"model\":\"gpt-4o-mini\"", "\"model\":\"gpt-4o\""),
          MediaType.get("application/json")));
    }
    if (body.contains("RETARGET")) {
      b.url(req.url().newBuilder().port(Integer.getInteger("retarget.port")).build());
    }
    if (body.contains("TAG")) b.header("X-Tag", "tagged");
    return chain.proceed(b.build());
  }

  private static String bodyOf(Request req) throws IOException {
    if (req.body() == null) return "";
    Buffer buf = new Buffer();
    req.body().writeTo(buf);
    return buf.readUtf8();
  }
}
