package com.acme.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** java.net.HttpURLConnection used directly. */
public final class UrlConnectionRawHttp implements RawHttp {
  @Override
  public Answer post(String url, String json, String... headers) throws Exception {
    HttpURLConnection c = open(url, "POST", headers);
    c.setDoOutput(true);
    try (OutputStream out = c.getOutputStream()) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    return read(c);
  }

  @Override
  public Answer postAsync(String url, String json, String... headers) {
    throw new UnsupportedOperationException("HttpURLConnection has no asynchronous API");
  }

  @Override
  public Answer postStreamingBody(String url, String json, String... headers) throws Exception {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    HttpURLConnection c = open(url, "POST", headers);
    c.setDoOutput(true);
    c.setFixedLengthStreamingMode(bytes.length);
    try (OutputStream out = c.getOutputStream()) {
      out.write(bytes);
    }
    return read(c);
  }

  @Override
  public Answer get(String url, String... headers) throws Exception {
    return read(open(url, "GET", headers));
  }

  @Override
  public Answer postReading(String url, String json, String reader, String... headers) throws Exception {
    long start = System.nanoTime();
    HttpURLConnection c = open(url, "POST", headers);
    c.setDoOutput(true);
    try (OutputStream out = c.getOutputStream()) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    int status = c.getResponseCode();
    if (status >= 400) return read(c);
    InputStream in = c.getInputStream();
    String body = switch (reader) {
      case "timed" -> RawHttp.timed(in, start);
      case "string", "bytes", "stream" -> new String(in.readAllBytes(), StandardCharsets.UTF_8);
      case "twice" -> new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      case "lines" -> {
        java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        yield r.lines().collect(java.util.stream.Collectors.joining("\n"));
      }
      default -> throw new IllegalArgumentException(reader);
    };
    in.close();
    long len = c.getContentLengthLong();
    return new Answer(status, body, "", len < 0 ? "" : Long.toString(len));
  }

  private static HttpURLConnection open(String url, String method, String... headers) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    c.setRequestMethod(method);
    c.setConnectTimeout(10_000);
    c.setReadTimeout(30_000);
    for (int i = 0; i < headers.length; i += 2) c.setRequestProperty(headers[i], headers[i + 1]);
    return c;
  }

  private static Answer read(HttpURLConnection c) throws IOException {
    int status = c.getResponseCode();
    InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
    String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    return new Answer(status, body);
  }
}
