package com.acme.shared;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The JDK's own java.net.http client, used directly. */
public final class JdkRawHttp implements RawHttp {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  @Override
  public Answer post(String url, String json, String... headers) throws Exception {
    return send(builder(url, headers).POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  @Override
  public Answer postAsync(String url, String json, String... headers) throws Exception {
    HttpRequest req = builder(url, headers).POST(HttpRequest.BodyPublishers.ofString(json)).build();
    HttpResponse<String> r = client.sendAsync(req, HttpResponse.BodyHandlers.ofString()).get();
    return new Answer(r.statusCode(), r.body(), r.request().headers().firstValue("Authorization").orElse(""));
  }

  @Override
  public Answer postStreamingBody(String url, String json, String... headers) throws Exception {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return send(builder(url, headers)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build());
  }

  @Override
  public Answer get(String url, String... headers) throws Exception {
    return send(builder(url, headers).GET().build());
  }

  @Override
  public Answer postReading(String url, String json, String reader, String... headers) throws Exception {
    HttpRequest req = builder(url, headers).POST(HttpRequest.BodyPublishers.ofString(json)).build();
    if (reader.equals("timed")) {
      long start = System.nanoTime();
      HttpResponse<java.io.InputStream> t = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream in = t.body()) {
        return new Answer(t.statusCode(), RawHttp.timed(in, start));
      }
    }
    HttpResponse<?> r = switch (reader) {
      case "string" -> client.send(req, HttpResponse.BodyHandlers.ofString());
      case "bytes" -> client.send(req, HttpResponse.BodyHandlers.ofByteArray());
      case "stream" -> client.send(req, HttpResponse.BodyHandlers.ofInputStream());
      case "lines" -> client.send(req, HttpResponse.BodyHandlers.ofLines());
      case "async" -> client.sendAsync(req, HttpResponse.BodyHandlers.ofString()).get();
      default -> throw new IllegalArgumentException(reader);
    };
    Object body = r.body();
    String text;
    if (body instanceof byte[] b) text = new String(b, StandardCharsets.UTF_8);
    else if (body instanceof java.io.InputStream in) {
      try (in) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } else if (body instanceof java.util.stream.Stream<?> lines) {
      text = lines.map(String::valueOf).collect(java.util.stream.Collectors.joining("\n"));
    } else text = (String) body;
    return new Answer(r.statusCode(), text, "", r.headers().firstValue("content-length").orElse(""));
  }

  private static HttpRequest.Builder builder(String url, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return b;
  }

  private Answer send(HttpRequest req) throws Exception {
    HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body(), r.request().headers().firstValue("Authorization").orElse(""));
  }
}
