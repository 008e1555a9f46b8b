package com.acme.shared.langchain4j;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK HttpClient that records, at each send, whether Cordon's "governed call in progress" marker
 * ({@code dev.cordon.bootstrap.GovernedCall}) is set on the sending thread: what a transport-level
 * hook checks so that it does not decide (and audit) an SDK's call a second time.
 */
final class MarkerSpyHttpClient extends HttpClient {
  static volatile String seen = "none";

  private final HttpClient real;

  private MarkerSpyHttpClient(HttpClient real) {
    this.real = real;
  }

  /** A builder that builds the real client and wraps it. */
  static HttpClient.Builder builder() {
    HttpClient.Builder real = HttpClient.newBuilder();
    return (HttpClient.Builder) Proxy.newProxyInstance(HttpClient.Builder.class.getClassLoader(),
        new Class<?>[] {HttpClient.Builder.class}, (proxy, m, args) -> {
          if (m.getName().equals("build")) return new MarkerSpyHttpClient(real.build());
          Object r = m.invoke(real, args);
          return r == real ? proxy : r;
        });
  }

  private static void record() {
    String v;
    try {
      v = String.valueOf(Class.forName("dev.cordon.bootstrap.GovernedCall").getMethod("active").invoke(null));
    } catch (ReflectiveOperationException e) {
      v = "no-agent";
    }
    seen = seen.equals("none") ? v : seen + "," + v;
  }

  @Override public Optional<CookieHandler> cookieHandler() { return real.cookieHandler(); }
  @Override public Optional<Duration> connectTimeout() { return real.connectTimeout(); }
  @Override public Redirect followRedirects() { return real.followRedirects(); }
  @Override public Optional<ProxySelector> proxy() { return real.proxy(); }
  @Override public SSLContext sslContext() { return real.sslContext(); }
  @Override public SSLParameters sslParameters() { return real.sslParameters(); }
  @Override public Optional<Authenticator> authenticator() { return real.authenticator(); }
  @Override public Version version() { return real.version(); }
  @Override public Optional<Executor> executor() { return real.executor(); }

  @Override
  public <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
    record();
    return real.send(req, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
    record();
    return real.sendAsync(req, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest req, HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    record();
    return real.sendAsync(req, handler, push);
  }
}
