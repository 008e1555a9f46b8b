package dev.cordon.agent.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A JDK response that reports the application's own request, not the one that carried the scoped key. */
final class OwnRequestResponse<T> implements HttpResponse<T> {
  private final HttpResponse<T> delegate;
  private final HttpRequest own;

  OwnRequestResponse(HttpResponse<T> delegate, HttpRequest own) {
    this.delegate = delegate;
    this.own = own;
  }

  @Override
  public int statusCode() {
    return delegate.statusCode();
  }

  @Override
  public HttpRequest request() {
    return own;
  }

  @Override
  public Optional<HttpResponse<T>> previousResponse() {
    // Earlier responses (redirects) would report the rewritten requests too.
    return Optional.empty();
  }

  @Override
  public HttpHeaders headers() {
    return delegate.headers();
  }

  @Override
  public T body() {
    return delegate.body();
  }

  @Override
  public Optional<SSLSession> sslSession() {
    return delegate.sslSession();
  }

  @Override
  public URI uri() {
    return delegate.uri();
  }

  @Override
  public HttpClient.Version version() {
    return delegate.version();
  }
}
