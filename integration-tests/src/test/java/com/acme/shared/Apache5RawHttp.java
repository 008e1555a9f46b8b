package com.acme.shared;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
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
 * Apache HttpClient 5.x used directly: POSTs through the classic client with a response handler (a
 * streamed entity through the overload without one),
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
    SimpleRequestBuilder b = SimpleRequestBuilder.post(url).setBody(json, ContentType.APPLICATION_JSON);
    for (int i = 0; i < headers.length; i += 2) b.setHeader(headers[i], headers[i + 1]);
    SimpleHttpRequest req = b.build();
    SimpleHttpResponse r = async().execute(req, null).get(30, TimeUnit.SECONDS);
    org.apache.hc.core5.http.Header length = r.getFirstHeader("Content-Length");
    return new Answer(r.getCode(), r.getBodyText(), "", length == null ? "" : length.getValue());
  }

  @Override
  public Answer postAsyncCustom(String url, String json, String... headers) throws Exception {
    SimpleRequestBuilder b = SimpleRequestBuilder.post(url).setBody(json, ContentType.APPLICATION_JSON);
    for (int i = 0; i < headers.length; i += 2) b.setHeader(headers[i], headers[i + 1]);
    AsyncRequestProducer own = new OwnProducer(SimpleRequestProducer.create(b.build()));
    SimpleHttpResponse r = async().execute(own, SimpleResponseConsumer.create(), null).get(30, TimeUnit.SECONDS);
    return new Answer(r.getCode(), r.getBodyText());
  }

  private CloseableHttpAsyncClient async() {
    if (async == null) {
      async = HttpAsyncClients.createDefault();
      async.start();
    }
    return async;
  }

  /** An application's own producer class (here a plain delegate), which the client treats as opaque. */
  private static final class OwnProducer implements AsyncRequestProducer {
    private final AsyncRequestProducer inner;

    OwnProducer(AsyncRequestProducer inner) {
      this.inner = inner;
    }

    @Override
    public void sendRequest(RequestChannel channel, HttpContext context) throws HttpException, IOException {
      inner.sendRequest(channel, context);
    }

    @Override
    public boolean isRepeatable() {
      return inner.isRepeatable();
    }

    @Override
    public void failed(Exception cause) {
      inner.failed(cause);
    }

    @Override
    public int available() {
      return inner.available();
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
      inner.produce(channel);
    }

    @Override
    public void releaseResources() {
      inner.releaseResources();
    }
  }

  @Override
  public Answer postStreamingBody(String url, String json, String... headers) throws Exception {
    HttpPost post = new HttpPost(url);
    for (int i = 0; i < headers.length; i += 2) post.setHeader(headers[i], headers[i + 1]);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    post.setEntity(new InputStreamEntity(new ByteArrayInputStream(bytes), -1, ContentType.APPLICATION_JSON));
    // The overload without a response handler: the application reads and closes the response itself.
    try (CloseableHttpResponse r = client.execute(post)) {
      return new Answer(r.getCode(), EntityUtils.toString(r.getEntity()));
    }
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
