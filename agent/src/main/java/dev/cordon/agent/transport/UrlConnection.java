package dev.cordon.agent.transport;

import dev.cordon.agent.ai.AiCall;
import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.ai.AiTarget;
import dev.cordon.agent.ai.OutputRewrite;
import dev.cordon.agent.redact.FilteredStream;
import dev.cordon.agent.ai.SseToolGate;
import dev.cordon.agent.ai.UsageReader;
import dev.cordon.agent.ai.UsageTap;
import dev.cordon.CordonAccessDeniedException;
import dev.cordon.agent.credentials.ScopedKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * {@code java.net.HttpURLConnection} (the JDK's {@code sun.net.www.protocol.http} implementation,
 * https included). Decided in its private {@code writeRequests()}, on the application's thread,
 * just before the request line and headers are written: a buffered body (the default) is complete
 * then and may be replaced; in the streaming modes (fixed length, chunked) the body goes straight to
 * the socket after the headers, so the request is decided on its URL alone. The stream
 * {@code getInputStream()} returns is watched for usage and, under output redaction, redacted.
 */
final class UrlConnection {
  private static final byte[] NO_BODY = new byte[0];

  /** One decision per connection and URL: writeRequests runs again for an authentication retry. */
  private record Decided(String url, AiGovernor.Result result) {}

  private final WireGovernor wire;
  private final Map<Object, Decided> decided = Collections.synchronizedMap(new WeakHashMap<>());
  private final Map<Object, AiCall> awaitingBody = Collections.synchronizedMap(new WeakHashMap<>());

  UrlConnection(WireGovernor wire) {
    this.wire = wire;
  }

  /** State = {connection, replacement body bytes or null, AiCall}. */
  Object[] request(Object connection, Object poster) throws IOException {
    HttpURLConnection c = (HttpURLConnection) connection;
    URL url = c.getURL();
    String path = url.getPath();
    AiTarget target = wire.classifyPath(c.getRequestMethod(), url.getProtocol(), url.getHost(), url.getPort(), path, 0,
        path.length());
    if (target == null || wire.covered(target, null)) return null;
    String external = url.toExternalForm();
    Decided prior = decided.get(connection);
    if (prior != null && prior.url().equals(external)) return state(connection, prior.result(), false);
    byte[] body;
    boolean unread;
    if (poster instanceof ByteArrayOutputStream buffered) {
      body = buffered.size() > WireGovernor.MAX_BODY ? null : buffered.toByteArray();
      unread = body == null;
    } else {
      // No buffered body: either none at all, or a streaming mode that writes it after the headers.
      unread = c.getDoOutput();
      body = unread ? null : NO_BODY;
    }
    AiGovernor.Result result = wire.govern(target, body, unread);
    decided.put(connection, new Decided(external, result));
    if (result.call() != null) awaitingBody.put(connection, result.call());
    return state(connection, result, true);
  }

  /**
   * {connection, replacement body or null, AiCall or null, header edits or null}; header edits are
   * {name, value, names to remove...}, applied by the advice to the connection's request headers.
   */
  private static Object[] state(Object connection, AiGovernor.Result result, boolean first) {
    if (!first && result.body() == null && result.key() == null) return null;
    String[] headers = null;
    if (result.key() != null) {
      headers = new String[2 + ScopedKey.AUTH_HEADERS.size()];
      headers[0] = result.key().header();
      headers[1] = result.key().value();
      for (int i = 0; i < ScopedKey.AUTH_HEADERS.size(); i++) headers[2 + i] = ScopedKey.AUTH_HEADERS.get(i);
    }
    return new Object[] {connection, result.body(), first ? result.call() : null, headers};
  }

  /**
   * {@code getInputStream()} returned (or threw): the body the application reads is watched. Every
   * call gets a watching view of the same stream ({@code getResponseCode()} calls it too and drops
   * what it gets); the audit entry is written once, by whichever view reaches the end first.
   */
  Object body(Object connection, Object stream, Throwable thrown) throws IOException {
    AiCall call = awaitingBody.get(connection);
    if (call == null) return stream;
    if (thrown != null || !(stream instanceof InputStream in)) {
      call.failed(thrown != null ? thrown : new IllegalStateException("no response body"));
      return stream;
    }
    HttpURLConnection c = (HttpURLConnection) connection;
    int status = c.getResponseCode();
    String type = c.getContentType();
    boolean sse = call.streaming() || (type != null && type.contains("event-stream"));
    if (call.checksToolCalls() && !sse) return checked(connection, call, in, status, type, c.getContentEncoding());
    if (call.countsOutput()) {
      // One redacting view per connection: its state (held-back text, the whole JSON body) must not
      // be split between the views getInputStream hands out (getResponseCode asks for one too).
      Served prior = served.get(connection);
      if (prior != null && prior.raw().get() == in) {
        InputStream view = prior.view().get();
        if (view != null) return view;
        if (prior.started().get() && call.rewritesOutput()) {
          // The application dropped a view it had read from and asks again: a fresh redactor would
          // start mid-body and could let text through unredacted.
          throw new IOException("Cordon: the redacted response stream was dropped part-way; keep the stream getInputStream() returned");
        }
      }
      OutputRewrite rewrite = call.outputRewrite(sse, type, c.getContentEncoding());
      if (rewrite != null) {
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        InputStream checked = call.limitsTools() && sse ? new dev.cordon.agent.redact.FilteredStream(in, new SseToolGate(call)) : in;
        InputStream marked = new java.io.FilterInputStream(checked) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            started.set(true);
            return super.read(b, off, len);
          }
        };
        InputStream view = new UsageTap(new FilteredStream(marked, rewrite), sse, u -> call.completed(status, u));
        served.put(connection, new Served(new WeakReference<>(in), new WeakReference<>(view), started));
        return view;
      }
    }
    InputStream checked = call.limitsTools() && sse ? new dev.cordon.agent.redact.FilteredStream(in, new SseToolGate(call)) : in;
    return new UsageTap(checked, sse, u -> call.completed(status, u));
  }

  /** Whether this connection's response may reach the application redacted (so its Content-Length does not hold). */
  boolean hidesLength(Object connection) {
    if (awaitingBody.isEmpty()) return false;
    AiCall call = awaitingBody.get(connection);
    return call != null && call.rewritesOutput();
  }

  /** The header map {@code getHeaderFields()} returned, without Content-Length (the JDK's map is unmodifiable). */
  @SuppressWarnings("unchecked")
  static Object withoutLength(Object fields) {
    if (!(fields instanceof Map<?, ?> m)) return fields;
    Map<String, java.util.List<String>> copy = new java.util.LinkedHashMap<>();
    ((Map<String, java.util.List<String>>) m).forEach((k, v) -> {
      if (k == null || !k.equalsIgnoreCase("content-length")) copy.put(k, v);
    });
    return Collections.unmodifiableMap(copy);
  }

  /**
   * The redacting view handed out for a connection's response stream, held weakly: the stream is an
   * inner object of the connection, so a strong value would keep its own key alive. A view the
   * application still holds stays; one dropped unread (getResponseCode's) is replaced, one dropped
   * part-way is refused in enforce ({@code started}).
   */
  private record Served(WeakReference<InputStream> raw, WeakReference<InputStream> view,
      java.util.concurrent.atomic.AtomicBoolean started) {}

  private final Map<Object, Served> served = Collections.synchronizedMap(new WeakHashMap<>());

  /** A response read whole and checked once per connection; every later getInputStream gets the same verdict. */
  private record Checked(byte[] body, CordonAccessDeniedException deny, IOException withheld) {}

  private final Map<Object, Checked> checked = Collections.synchronizedMap(new WeakHashMap<>());

  private Object checked(Object connection, AiCall call, InputStream in, int status, String type, String encoding)
      throws IOException {
    Checked v = checked.get(connection);
    if (v == null) {
      byte[] bytes = in.readAllBytes();
      CordonAccessDeniedException deny = call.checkToolCalls(bytes);
      IOException withheld = null;
      OutputRewrite rewrite = deny == null ? call.outputRewrite(false, type, encoding) : null;
      if (rewrite != null) {
        try {
          bytes = rewrite.whole(bytes);
        } catch (IOException e) {
          withheld = e;
        }
      }
      call.completed(status, UsageReader.find(bytes, 0, bytes.length));
      v = new Checked(bytes, deny, withheld);
      checked.put(connection, v);
    }
    if (v.deny() != null) throw v.deny();
    if (v.withheld() != null) throw new IOException(v.withheld().getMessage(), v.withheld());
    return new java.io.ByteArrayInputStream(v.body());
  }
}
