package com.acme.shared;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.InputStreamEntity;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/** Apache HttpClient 4.5.x used directly: POSTs with a response handler, GETs through the plain {@code execute}. */
public final class Apache4RawHttp implements RawHttp {
  private final CloseableHttpClient client = HttpClients.createDefault();

  @Override
  public Answer post(String url, String json, String... headers) throws Exception {
    HttpPost post = new HttpPost(url);
    for (int i = 0; i < headers.length; i += 2) post.setHeader(headers[i], headers[i + 1]);
    post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
    return client.execute(post, r -> new Answer(r.getStatusLine().getStatusCode(), EntityUtils.toString(r.getEntity()),
        post.getFirstHeader("Authorization").getValue()));
  }

  @Override
  public Answer postAsync(String url, String json, String... headers) {
    throw new UnsupportedOperationException("HttpClient 4.5 classic has no async API");
  }

  @Override
  public Answer postStreamingBody(String url, String json, String... headers) throws Exception {
    HttpPost post = new HttpPost(url);
    for (int i = 0; i < headers.length; i += 2) post.setHeader(headers[i], headers[i + 1]);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    post.setEntity(new InputStreamEntity(new ByteArrayInputStream(bytes), -1, ContentType.APPLICATION_JSON));
    // The overload without a response handler: the application reads and closes the response itself.
    try (CloseableHttpResponse r = client.execute(post)) {
      return new Answer(r.getStatusLine().getStatusCode(), EntityUtils.toString(r.getEntity()));
    }
  }

  @Override
  public Answer get(String url, String... headers) throws Exception {
    HttpGet get = new HttpGet(url);
    for (int i = 0; i < headers.length; i += 2) get.setHeader(headers[i], headers[i + 1]);
    try (CloseableHttpResponse r = client.execute(get)) {
      return new Answer(r.getStatusLine().getStatusCode(), EntityUtils.toString(r.getEntity()));
    }
  }
}
