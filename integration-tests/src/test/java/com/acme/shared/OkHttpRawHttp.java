package com.acme.shared;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/** OkHttp used directly (the same source runs against OkHttp 4 and 5). */
public final class OkHttpRawHttp implements RawHttp {
  private static final MediaType JSON = MediaType.get("application/json");

  /** A network interceptor, as an application might add for logging: it sees what it is handed back. */
  static volatile String networkInterceptorSaw = "";

  private final OkHttpClient client;

  public OkHttpRawHttp() {
    this(null);
  }

  /** With an application interceptor first in the chain (as an app adds one for logging or retries). */
  public OkHttpRawHttp(okhttp3.Interceptor applicationInterceptor) {
    OkHttpClient.Builder b = new OkHttpClient.Builder().readTimeout(30, TimeUnit.SECONDS);
    if (applicationInterceptor != null) b.addInterceptor(applicationInterceptor);
    client = b.addNetworkInterceptor(chain -> {
      Response r = chain.proceed(chain.request());
      networkInterceptorSaw = chain.request().header("Authorization") + " " + r.request().header("Authorization");
      return r;
    }).build();
  }

  @Override
  public Answer post(String url, String json, String... headers) throws Exception {
    return execute(builder(url, headers).post(RequestBody.create(json, JSON)).build());
  }

  @Override
  public Answer postAsync(String url, String json, String... headers) throws Exception {
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    client.newCall(builder(url, headers).post(RequestBody.create(json, JSON)).build()).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        answer.completeExceptionally(e);
      }

      @Override
      public void onResponse(Call call, Response response) throws IOException {
        try (response) {
          answer.complete(new Answer(response.code(), response.body().string(), seenAuth(response)));
        }
      }
    });
    return answer.get(30, TimeUnit.SECONDS);
  }

  @Override
  public Answer postStreamingBody(String url, String json, String... headers) throws Exception {
    byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    RequestBody oneShot = new RequestBody() {
      @Override
      public MediaType contentType() {
        return JSON;
      }

      @Override
      public boolean isOneShot() {
        return true;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        sink.write(bytes);
      }
    };
    return execute(builder(url, headers).post(oneShot).build());
  }

  @Override
  public Answer get(String url, String... headers) throws Exception {
    return execute(builder(url, headers).get().build());
  }

  @Override
  public Answer postReading(String url, String json, String reader, String... headers) throws Exception {
    Request req = builder(url, headers).post(RequestBody.create(json, JSON)).build();
    if (reader.equals("async")) {
      CompletableFuture<Answer> answer = new CompletableFuture<>();
      client.newCall(req).enqueue(new Callback() {
        @Override
        public void onFailure(Call call, IOException e) {
          answer.completeExceptionally(e);
        }

        @Override
        public void onResponse(Call call, Response response) {
          try (response) {
            answer.complete(new Answer(response.code(), response.body().string(), "", lengthOf(response)));
          } catch (Throwable e) {
            answer.completeExceptionally(e);
          }
        }
      });
      return answer.get(60, TimeUnit.SECONDS);
    }
    long start = System.nanoTime();
    try (Response r = client.newCall(req).execute()) {
      String text = switch (reader) {
        case "timed" -> RawHttp.timed(r.body().byteStream(), start);
        case "string" -> r.body().string();
        case "bytes" -> new String(r.body().bytes(), java.nio.charset.StandardCharsets.UTF_8);
        case "stream" -> new String(r.body().byteStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        case "lines" -> {
          StringBuilder sb = new StringBuilder();
          okio.BufferedSource src = r.body().source();
          String line;
          while ((line = src.readUtf8Line()) != null) sb.append(sb.length() == 0 ? "" : "\n").append(line);
          yield sb.toString();
        }
        default -> throw new IllegalArgumentException(reader);
      };
      return new Answer(r.code(), text, "", lengthOf(r));
    }
  }

  /** The Content-Length the response reports, in its headers or its body's contentLength(). */
  private static String lengthOf(Response r) {
    String h = r.header("Content-Length");
    long body = r.body().contentLength();
    return h != null ? h : body >= 0 ? Long.toString(body) : "";
  }

  private static Request.Builder builder(String url, String... headers) {
    Request.Builder b = new Request.Builder().url(url);
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return b;
  }

  private Answer execute(Request req) throws IOException {
    try (Response r = client.newCall(req).execute()) {
      return new Answer(r.code(), r.body().string(), seenAuth(r) + " " + networkInterceptorSaw);
    }
  }

  /** The Authorization header as the response reports its request, and as its network response does. */
  private static String seenAuth(Response r) {
    String user = r.request().header("Authorization");
    String net = r.networkResponse() == null ? null : r.networkResponse().request().header("Authorization");
    return user + " " + net;
  }
}
