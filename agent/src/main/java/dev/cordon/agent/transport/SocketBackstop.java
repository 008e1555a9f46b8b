package dev.cordon.agent.transport;

import dev.cordon.CordonAccessDeniedException;
import dev.cordon.agent.audit.AuditEvent;
import dev.cordon.agent.principal.Caller;
import dev.cordon.agent.principal.CallerResolver;
import dev.cordon.agent.runtime.AgentRuntime;
import dev.cordon.agent.runtime.PolicyState;
import dev.cordon.bootstrap.GovernedCall;
import dev.cordon.policy.EndpointDef;
import dev.cordon.policy.Mode;
import dev.cordon.policy.Policy;
import dev.cordon.policy.RuleDef;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The socket backstop (threat model: shaded or renamed HTTP clients, raw sockets, NIO): a TCP
 * connect to an AI host that no governed client makes is refused before the connection exists.
 *
 * <p>An AI host is a provider host of spec 6 or a host (and port, as spec 6 matches it) listed under
 * {@code endpoints}, compared on the address's host string as the application gave it: no DNS
 * lookup, so an IP literal is an AI host only when it is listed.
 *
 * <p>A connect is accounted for, and let through unaudited, when one of these holds, cheapest first:
 * <ol>
 *   <li>this thread is inside a governed SDK funnel ({@link GovernedCall}) or carries the transport
 *       marker for that host and port ({@link GovernedCalls#onThread});
 *   <li>an SDK funnel let a call to that host and port through in the last {@link #LEASE_NANOS}:
 *       an SDK that hands the send to an event loop Cordon does not hook (AWS SDK async over Netty,
 *       WebClient over Reactor Netty) connects from a thread that carries no marker;
 *   <li>the stack holds a frame of a transport Cordon governs, identified by class identity, not by
 *       name: the JDK HttpClient (a class of the {@code java.net.http} module), the JDK's
 *       {@code HttpURLConnection}, or OkHttp's connection classes in a class loader whose OkHttp
 *       calls reach Cordon's hooks. Such a transport decides every AI request it sends before a byte
 *       of it is written, so its connects need no second decision. A shaded copy has other names,
 *       and a copy in another loader never reached the hooks: neither passes.
 * </ol>
 * Connects to AI hosts are rare (clients pool connections), so the stack walk costs nothing that
 * matters; every other connect is answered by {@link #isAi} with a few string compares.
 */
public final class SocketBackstop {
  /** How long an SDK funnel's decision covers connects to its host from other threads. */
  static final long LEASE_NANOS = 10_000_000_000L;

  private static final String URL_CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";
  private static final String OKHTTP_CONNECTION = "okhttp3.internal.connection.";

  /**
   * What the stack check needs, set up on the first check rather than with this class: {@link #woven}
   * runs inside the weave of a class being loaded, where looking classes up could fail its load.
   */
  private static final class Walk {
    static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    static final Module JAVA_NET_HTTP = ModuleLayer.boot().findModule("java.net.http").orElse(null);
  }

  /** Whether the JDK HttpClient and HttpURLConnection hooks were woven: only then are their connects trusted. */
  private static volatile boolean jdkHttpWoven;
  private static volatile boolean urlConnectionWoven;

  /** Loaders whose OkHttp calls reached the hooks; copy on write, read on every stack check. */
  private static volatile ClassLoader[] okhttpLoaders = new ClassLoader[0];
  /** "host:port" to the nano time its lease ends. */
  private static final ConcurrentHashMap<String, Long> LEASES = new ConcurrentHashMap<>();

  private final AgentRuntime runtime;
  /** Whether the policy in force governs AI traffic at all; the hook stays woven after a reload, but idle. */
  private volatile boolean active;

  public SocketBackstop(AgentRuntime runtime) {
    this.runtime = runtime;
  }

  /** Whether a policy governs AI traffic (AI rules or endpoints): only then is the backstop worth weaving. */
  public static boolean governs(Policy policy) {
    if (policy == null) return false;
    if (policy.hasEndpoints()) return true;
    for (RuleDef r : policy.rules()) {
      for (String a : r.actions()) if (a.equals("*") || a.startsWith("model.")) return true;
    }
    return false;
  }

  public void policyChanged(PolicyState st) {
    active = st != null && governs(st.policy());
  }

  /** Every connect of the application comes here first: allocation-free, never blocks. */
  public boolean isAi(String host, int port) {
    if (!active) return false;
    if (AiTraffic.knownHost(host) != null) return true;
    PolicyState st = runtime.stateNow();
    Policy p = st == null ? null : st.policy();
    return p != null && p.hasEndpoints() && p.endpoint(host, port) != null;
  }

  /** A connect to an AI host: returns when a governed client makes it, else audits and (enforce) throws. */
  public void connect(String host, int port, String channel) {
    if (accounted(host, port)) return;
    PolicyState st = runtime.state();
    if (st == null) throw new IllegalStateException("the policy was not loaded in time");
    Policy policy = st.policy();
    Caller caller = st.callers() != null ? st.callers().resolve() : CallerResolver.anonymous();
    String provider = AiTraffic.knownHost(host);
    EndpointDef e = provider == null && policy != null ? policy.endpoint(host, port) : null;
    if (provider == null) provider = e != null && e.provider() != null && !"*".equals(e.provider()) ? e.provider() : "unknown";
    // An IPv6 literal is bracketed, so that the port stays readable.
    String hostPort = (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    String resource = "endpoint:" + hostPort;
    String reason = "Cordon denied net.connect to " + hostPort + " (an AI " + (e != null ? "endpoint listed under endpoints" : "provider host")
        + ") for principal " + caller.principal() + ": the connection is not made by a client Cordon governs"
        + " (a shaded or renamed HTTP client, or a raw socket, would bypass the policy; to allow, send AI calls"
        + " through a governed SDK or the JDK HttpClient, OkHttp or HttpURLConnection)";
    Mode mode = st.effectiveMode(null);
    AuditEvent event = AuditEvent.of("net.connect").put("principal", caller.principal());
    if (caller.frame() != null) event.put("caller", caller.frame());
    event.put("resource", resource).put("provider", provider).put("endpoint", "tcp://" + hostPort)
        .put("transport", channel).put("decision", "deny").put("mode", mode.wireName()).putNull("rule")
        .put("reason", reason);
    if (mode == Mode.ENFORCE) {
      runtime.audit().append(event.put("outcome", "blocked"));
      throw new CordonAccessDeniedException(reason, caller.principal(), "net.connect", resource, null);
    }
    runtime.audit().append(event.put("outcome", "would_block"));
  }

  private static boolean accounted(String host, int port) {
    if (GovernedCall.active() || GovernedCalls.onThreadCovers(host, port)) return true;
    Long until = LEASES.get(key(host, port));
    if (until != null && until - System.nanoTime() > 0) return true;
    return Walk.WALKER.walk(frames -> frames.anyMatch(f -> governedTransport(f.getDeclaringClass())));
  }

  private static boolean governedTransport(Class<?> c) {
    String name = c.getName();
    // Only the boot loader defines the JDK's own class of that name.
    if (c.getClassLoader() == null && name.equals(URL_CONNECTION)) return urlConnectionWoven;
    if (Walk.JAVA_NET_HTTP != null && c.getModule() == Walk.JAVA_NET_HTTP) return jdkHttpWoven;
    if (!name.startsWith(OKHTTP_CONNECTION)) return false;
    ClassLoader l = c.getClassLoader();
    for (ClassLoader k : okhttpLoaders) if (k == l) return true;
    return false;
  }

  /** An SDK funnel let a call to this endpoint through (see the class comment, point 2). */
  public static void lease(String host, int port) {
    long now = System.nanoTime();
    if (LEASES.size() > 256) LEASES.values().removeIf(t -> t - now <= 0);
    LEASES.put(key(host, port), now + LEASE_NANOS);
  }

  /** A hook point was woven (see {@code WeaveReport}): the JDK transports' connects are trusted from then on. */
  public static void woven(String type) {
    if (type.equals("jdk.internal.net.http.HttpClientImpl")) jdkHttpWoven = true;
    else if (type.equals(URL_CONNECTION)) urlConnectionWoven = true;
  }

  /** OkHttp in this loader reaches the hooks (called from the OkHttp hooks, before any connect). */
  static void okhttpHooked(Object callOrRequest) {
    ClassLoader l = callOrRequest.getClass().getClassLoader();
    ClassLoader[] known = okhttpLoaders;
    for (ClassLoader k : known) if (k == l) return;
    synchronized (SocketBackstop.class) {
      known = okhttpLoaders;
      for (ClassLoader k : known) if (k == l) return;
      ClassLoader[] more = java.util.Arrays.copyOf(known, known.length + 1);
      more[known.length] = l;
      okhttpLoaders = more;
    }
  }

  private static String key(String host, int port) {
    return host.toLowerCase(Locale.ROOT) + ":" + port;
  }
}
