package dev.cordon.agent.transport;

import dev.cordon.agent.ai.AiCall;
import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.ai.AiTarget;
import dev.cordon.agent.credentials.ScopedKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The JDK's {@code java.net.http.HttpClient}: both {@code send} and {@code sendAsync} pass
 * {@code HttpClientImpl.sendAsync(request, handler, pushHandler, executor)} on the caller's thread,
 * where the request is decided and may be replaced (a new {@link HttpRequest} with the rewritten
 * body), and the body handler is wrapped to read the usage from the response.
 */
final class JdkHttp {
  private static final byte[] NO_BODY = new byte[0];

  private final WireGovernor wire;

  JdkHttp(WireGovernor wire) {
    this.wire = wire;
  }

  /** See {@link dev.cordon.bootstrap.Hooks#wireRequest}: state = {request, handler, AiCall}. */
  Object[] request(Object requestObject, Object handler) throws IOException {
    HttpRequest req = (HttpRequest) requestObject;
    URI uri = req.uri();
    AiTarget target = wire.classify(req.method(), uri.getScheme(), uri.getHost(), uri.getPort(), uri.toString());
    if (target == null) return null;
    String token = req.headers().firstValue(GovernedCalls.HEADER).orElse(null);
    if (wire.covered(target, token)) {
      return token == null ? null : new Object[] {rebuild(req, null, null), handler, null};
    }
    byte[] body = readBody(req);
    AiGovernor.Result result = wire.govern(target, body, body == null);
    HttpRequest toSend = result.body() != null || token != null || result.key() != null
        ? rebuild(req, result.body(), result.key()) : req;
    AiCall call = result.call();
    Object h = call == null ? handler : new WatchedBodyHandler<>((HttpResponse.BodyHandler<?>) handler, call);
    return new Object[] {toSend, h, call, result.key() == null ? null : req};
  }

  /**
   * The future {@code sendAsync} returned: a failed exchange completes the call's audit entry, and
   * when a scoped key was put on the request the response reports the application's own request
   * instead ({@code HttpResponse.request()} would otherwise hand the key to the application); when
   * output redaction may change the body's length, the response shows no Content-Length.
   */
  @SuppressWarnings("unchecked")
  Object response(Object[] state, Object future, Throwable thrown) {
    AiCall call = (AiCall) state[2];
    if (call == null) return future;
    if (thrown != null) {
      call.failed(thrown);
      return future;
    }
    if (!(future instanceof CompletableFuture<?> f)) return future;
    f.whenComplete((r, t) -> {
      if (t != null) call.failed(t);
    });
    HttpRequest own = (HttpRequest) state[3];
    boolean dropLength = call.rewritesOutput();
    if (own == null && !dropLength) return future;
    CompletableFuture<HttpResponse<Object>> in = (CompletableFuture<HttpResponse<Object>>) f;
    return in.thenApply(r -> new OwnRequestResponse<>(r, own, dropLength));
  }

  /**
   * A copy of {@code req} without the governed-call header and, when given, with another body and
   * the scoped key in place of the application's own. {@code HttpRequest.newBuilder(request, filter)}
   * keeps method, URI, version, timeout and every other header.
   */
  static HttpRequest rebuild(HttpRequest req, byte[] newBody, ScopedKey key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(req, (name, value) -> !name.equalsIgnoreCase(GovernedCalls.HEADER)
        && (key == null || !ScopedKey.isAuthHeader(name)));
    if (newBody != null) b.method(req.method(), HttpRequest.BodyPublishers.ofByteArray(newBody));
    if (key != null) b.setHeader(key.header(), key.value());
    return b.build();
  }

  /**
   * The body's bytes when they can be read without consuming anything: the JDK's own in-memory
   * publishers ({@code ofString}, {@code ofByteArray}, {@code noBody}), which hand every subscriber
   * the same bytes, synchronously. Null for anything else (an input stream, a file, a custom or
   * streaming publisher): such a request is decided on its URL and headers alone.
   */
  static byte[] readBody(HttpRequest req) {
    Optional<HttpRequest.BodyPublisher> p = req.bodyPublisher();
    if (p.isEmpty()) return NO_BODY;
    HttpRequest.BodyPublisher pub = p.get();
    String type = pub.getClass().getName();
    if (!type.equals("jdk.internal.net.http.RequestPublishers$ByteArrayPublisher")
        && !type.equals("jdk.internal.net.http.RequestPublishers$StringPublisher")
        && !type.equals("jdk.internal.net.http.RequestPublishers$EmptyPublisher")) {
      return null;
    }
    long length = pub.contentLength();
    if (length == 0) return NO_BODY;
    if (length < 0 || length > WireGovernor.MAX_BODY) return null;
    Collector c = new Collector((int) length);
    pub.subscribe(c);
    return c.done ? c.out.toByteArray() : null;
  }

  /** Takes every buffer the publisher hands over on the subscribing thread. */
  private static final class Collector implements Flow.Subscriber<ByteBuffer> {
    final ByteArrayOutputStream out;
    boolean done;

    Collector(int size) {
      out = new ByteArrayOutputStream(size);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuffer item) {
      ByteBuffer d = item.duplicate();
      byte[] chunk = new byte[d.remaining()];
      d.get(chunk);
      out.writeBytes(chunk);
    }

    @Override
    public void onError(Throwable t) {
      done = false;
    }

    @Override
    public void onComplete() {
      done = true;
    }
  }
}
