package dev.cordon.agent.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * A JDK response as Cordon hands it to the application: reporting the application's own request,
 * not the one that carried the scoped key (when {@code own} is given), and without the provider's
 * Content-Length when output redaction may have changed the body's length.
 */
final class OwnRequestResponse<T> implements HttpResponse<T> {
  private final HttpResponse<T> delegate;
  private final HttpRequest own;
  private final boolean dropLength;

  OwnRequestResponse(HttpResponse<T> delegate, HttpRequest own, boolean dropLength) {
    this.delegate = delegate;
    this.own = own;
    this.dropLength = dropLength;
  }

  @Override
  public int statusCode() {
    return delegate.statusCode();
  }

  @Override
  public HttpRequest request() {
    return own != null ? own : delegate.request();
  }

  @Override
  public Optional<HttpResponse<T>> previousResponse() {
    // Earlier responses (redirects) would report the rewritten requests too.
    return own != null ? Optional.empty() : delegate.previousResponse();
  }

  @Override
  public HttpHeaders headers() {
    if (!dropLength) return delegate.headers();
    return HttpHeaders.of(delegate.headers().map(), (name, value) -> !name.equalsIgnoreCase("content-length"));
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
