package dev.cordon.agent.transport;

import dev.cordon.agent.ai.AiTarget;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which requests an SDK hook has already decided and audited, so the transport hooks under it (JDK
 * HttpClient, OkHttp, HttpURLConnection) neither decide nor audit them again (issue 3: "a call seen
 * at both the SDK and the transport level is decided and audited once"). Two ways to say so, both
 * bound to the governed endpoint (scheme, host, port, path), so that neither lets some other AI
 * request through:
 *
 * <ul>
 *   <li><b>a token header</b> ({@link #HEADER}): the SDK hook puts a fresh random token on the
 *       request it governed; it travels with the request through retries, copies and thread hops
 *       (async clients, retry timers), and the transport hook strips it before anything else sees
 *       the request. Valid only while the SDK call is in flight ({@link #release}). Used by the
 *       Stainless SDKs (openai-java, anthropic-java).
 *   <li><b>a thread marker</b> ({@link #onThread}): for SDK hooks that wrap the whole send on the
 *       caller's thread and cannot add a header (e.g. after request signing). It covers requests
 *       the transports start on that thread: JDK {@code send/sendAsync}, OkHttp {@code execute} and
 *       {@code enqueue} (both decided on the starting thread), HttpURLConnection.
 * </ul>
 *
 * <p>Both live inside the agent's private class loader: application code cannot mark its own
 * requests as governed. A header that names no live token is ignored (the request is governed as
 * raw traffic).
 */
public final class GovernedCalls {
  private GovernedCalls() {}

  /** The header an SDK hook adds; lower case as HTTP/2 sends it. */
  public static final String HEADER = "x-cordon-call";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ConcurrentHashMap<String, Endpoint> TOKENS = new ConcurrentHashMap<>();
  private static final ThreadLocal<Endpoint> ON_THREAD = new ThreadLocal<>();

  /** The part of a target a marker is bound to. */
  record Endpoint(String scheme, String host, int port, String path) {
    static Endpoint of(AiTarget t) {
      return new Endpoint(t.scheme(), t.host(), t.port(), t.path());
    }

    boolean covers(AiTarget t) {
      return port == t.port() && host.equals(t.host()) && path.equals(t.path()) && scheme.equals(t.scheme());
    }
  }

  /** A fresh token for a request an SDK hook governed; put it on the request under {@link #HEADER}. */
  public static String issueToken(AiTarget governed) {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    String token = HexFormat.of().formatHex(b);
    TOKENS.put(token, Endpoint.of(governed));
    return token;
  }

  /** The SDK call is over (answered, failed or abandoned): its token no longer covers anything. */
  public static void release(String token) {
    if (token != null) TOKENS.remove(token);
  }

  /**
   * Marks this thread: transport requests to {@code governed} made on it until the returned scope is
   * closed were governed by the caller. Scopes nest; close them in reverse order (try-with-resources).
   */
  public static Scope onThread(AiTarget governed) {
    Endpoint previous = ON_THREAD.get();
    ON_THREAD.set(Endpoint.of(governed));
    return new Scope(previous);
  }

  /** Restores the thread's previous marker. */
  public static final class Scope implements AutoCloseable {
    private final Endpoint previous;

    private Scope(Endpoint previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      if (previous == null) ON_THREAD.remove();
      else ON_THREAD.set(previous);
    }
  }

  private static final ThreadLocal<Pending> PENDING = new ThreadLocal<>();

  /**
   * A reactive SDK call that was governed when its stream was subscribed, on this thread: the next
   * reactive transport request to {@code governed} built on this thread (Reactor Netty builds it
   * while the subscription travels upstream, on the subscribing thread) is covered, once. Close it
   * when the stream ends, so that a subscription that never built a request covers nothing later.
   */
  public static Pending pendingSubscription(AiTarget governed, dev.cordon.agent.ai.AiCall call) {
    Pending p = new Pending(Endpoint.of(governed), call);
    PENDING.set(p);
    return p;
  }

  /** See {@link #pendingSubscription}. */
  public static final class Pending implements AutoCloseable {
    private final Endpoint endpoint;
    /** The SDK's call: its answer is redacted by the transport, which alone sees the stream's bytes. */
    final dev.cordon.agent.ai.AiCall call;
    private volatile boolean open = true;

    private Pending(Endpoint endpoint, dev.cordon.agent.ai.AiCall call) {
      this.endpoint = endpoint;
      this.call = call;
    }

    @Override
    public void close() {
      open = false;
    }
  }

  /** Takes this thread's pending subscription marker if it covers {@code target}; else null. */
  static Pending takePending(AiTarget target) {
    Pending p = PENDING.get();
    if (p == null) return null;
    PENDING.remove();
    boolean covers = p.open && p.endpoint.covers(target);
    p.open = false;
    return covers ? p : null;
  }

  /** Whether this thread's marker names that host and port (the socket backstop's check; host as the socket got it). */
  static boolean onThreadCovers(String host, int port) {
    Endpoint mine = ON_THREAD.get();
    return mine != null && mine.port() == port && mine.host().equalsIgnoreCase(host);
  }

  /**
   * Whether this thread's marker names exactly this request's scheme, host, port and path (the
   * part of {@code url} after its authority, before any query or fragment): then the transport
   * need not even classify it. False whenever unsure; {@link #covered} is then asked as usual.
   */
  static boolean onThreadCoversUrl(String scheme, String host, int port, String url) {
    Endpoint mine = ON_THREAD.get();
    if (mine == null || mine.port() != port || !mine.host().equals(host) || !mine.scheme().equals(scheme)) return false;
    int start = AiTraffic.pathStart(url);
    String path = mine.path();
    return start >= 0 && AiTraffic.pathEnd(url, start) - start == path.length() && url.startsWith(path, start);
  }

  /** Whether a transport request to {@code target} was governed above: by a live header token, or this thread's marker. */
  static boolean covered(AiTarget target, String headerToken) {
    if (headerToken != null) {
      Endpoint e = TOKENS.get(headerToken);
      if (e != null && e.covers(target)) return true;
    }
    Endpoint mine = ON_THREAD.get();
    return mine != null && mine.covers(target);
  }
}
