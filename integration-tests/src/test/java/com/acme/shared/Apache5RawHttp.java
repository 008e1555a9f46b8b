package com.acme.shared;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * Apache HttpClient 5.x used directly: POSTs through the classic client with a response handler,
 * GETs through the plain {@code execute} overload, async POSTs through {@code CloseableHttpAsyncClient}
 * with a {@code SimpleHttpRequest}.
 */
public final class Apache5RawHttp implements RawHttp {
  private final CloseableHttpClient client = HttpClients.createDefault();
  private CloseableHttpAsyncClient async;

  @Override
  public Answer post(String url, String json, String... headers) throws Exception {
    HttpPost post = new HttpPost(url);
    for (int i = 0; i < headers.length; i += 2) post.setHeader(headers[i], headers[i + 1]);
    post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
    return client.execute(post, r -> new Answer(r.getCode(), EntityUtils.toString(r.getEntity()),
        String.valueOf(post.getFirstHeader("Authorization").getValue())));
  }

  @Override
  public Answer postAsync(String url, String json, String... headers) throws Exception {
    if (async == null) {
      async = HttpAsyncClients.createDefault();
      async.start();
    }
    SimpleRequestBuilder b = SimpleRequestBuilder.post(url).setBody(json, ContentType.APPLICATION_JSON);
    for (int i = 0; i < headers.length; i += 2) b.setHeader(headers[i], headers[i + 1]);
    SimpleHttpRequest req = b.build();
    SimpleHttpResponse r = async.execute(req, null).get(30, TimeUnit.SECONDS);
    return new Answer(r.getCode(), r.getBodyText());
  }

  @Override
  public Answer postStreamingBody(String url, String json, String... headers) throws Exception {
    HttpPost post = new HttpPost(url);
    for (int i = 0; i < headers.length; i += 2) post.setHeader(headers[i], headers[i + 1]);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    post.setEntity(new InputStreamEntity(new ByteArrayInputStream(bytes), -1, ContentType.APPLICATION_JSON));
    return client.execute(post, r -> new Answer(r.getCode(), EntityUtils.toString(r.getEntity())));
  }

  @Override
  @SuppressWarnings("deprecation")
  public Answer get(String url, String... headers) throws Exception {
    HttpGet get = new HttpGet(url);
    for (int i = 0; i < headers.length; i += 2) get.setHeader(headers[i], headers[i + 1]);
    try (CloseableHttpResponse r = client.execute(get)) {
      return new Answer(r.getCode(), EntityUtils.toString(r.getEntity()));
    }
  }
}
