package com.acme.vendored;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A client built on a vendored OkHttp: after shading, every okhttp3/okio reference here names
 * com.acme.vendored.okhttp3 / com.acme.vendored.okio, classes Cordon's name matchers do not know.
 */
public final class VendoredHttp {
  private VendoredHttp() {}

  private static final OkHttpClient CLIENT = new OkHttpClient();

  /** POSTs JSON and returns "status body". */
  public static String post(String url, String json, String authorization) throws IOException {
    Request request = new Request.Builder().url(url).header("Authorization", authorization)
        .post(RequestBody.create(json, MediaType.get("application/json"))).build();
    try (Response r = CLIENT.newCall(request).execute()) {
      return r.code() + " " + r.body().string();
    }
  }
}
