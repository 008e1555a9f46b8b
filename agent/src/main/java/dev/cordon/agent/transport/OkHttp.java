package dev.cordon.agent.transport;

import dev.cordon.agent.ai.AiCall;
import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.ai.AiTarget;
import dev.cordon.agent.ai.OutputRewrite;
import dev.cordon.agent.ai.ResponseWatch;
import dev.cordon.agent.ai.SseToolGate;
import dev.cordon.agent.ai.UsageReader;
import dev.cordon.agent.credentials.ScopedKey;
import dev.cordon.CordonAccessDeniedException;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * OkHttp 4 and 5. A call is decided where the application starts it, on its own thread:
 * {@code RealCall.execute()} or {@code RealCall.enqueue(callback)}, so a deny is thrown at the
 * application's call and an asynchronous call is attributed to the code that enqueued it, not to a
 * dispatcher thread. The decision is applied where the call enters its interceptor chain
 * ({@code RealInterceptorChain.proceed} at index 0, before the application's own interceptors):
 * the request is replaced (rewritten body, governed-call header stripped) and the response body
 * is watched for usage.
 */
final class OkHttp {
  /** What was decided for a call between its start and its chain. */
  private record Decided(AiTarget target, boolean covered, boolean hasToken, AiGovernor.Result result, Thread starter,
      byte[] decidedBody) {}

  /**
   * What the chain's entry sent down for a decided call, to compare with what reaches its network
   * end: the application's interceptors and OkHttp's redirects run in between, and the decision
   * covers only the request it was made on.
   */
  private record Sent(String url, Object body, byte[] bytes, AiGovernor.Result result, AiTarget target) {}

  private final Map<Object, Sent> sentByCall = Collections.synchronizedMap(new WeakHashMap<>());
  /** Calls decided again at the network end: the entry that now stands for each. */
  private final Map<Object, AiCall> redecided = Collections.synchronizedMap(new WeakHashMap<>());

  private final WireGovernor wire;
  private final Map<Object, Decided> byCall = Collections.synchronizedMap(new WeakHashMap<>());
  private final Map<Object, KeyFor> keyByCall = Collections.synchronizedMap(new WeakHashMap<>());

  OkHttp(WireGovernor wire) {
    this.wire = wire;
  }

  /** {@code RealCall.execute/enqueue}, on the application's thread. */
  void started(Object call) throws IOException {
    Object request = CallApi.of(call).request(call);
    Decided d = decide(request);
    if (d != null) byCall.put(call, d);
  }

  /** See {@link dev.cordon.bootstrap.Hooks#wireRequest}: state = {request, null, AiCall}. */
  Object[] request(Object request, Object call) throws IOException {
    Decided d = call == null ? null : byCall.remove(call);
    if (d == null) {
      // Not started through execute/enqueue as woven (or not AI traffic): decide here if it is AI traffic.
      d = decide(request);
      if (d == null) return null;
    }
    OkHttpApi api = OkHttpApi.of(request);
    if (d.covered()) {
      return d.hasToken() ? new Object[] {api.rebuild(request, GovernedCalls.HEADER, null, null), null, null, null} : null;
    }
    byte[] body = d.result().body();
    Object toSend = body != null || d.hasToken()
        ? api.rebuild(request, d.hasToken() ? GovernedCalls.HEADER : null, body, null) : request;
    if (call != null) {
      byte[] sentBytes = body != null ? body : d.decidedBody();
      sentByCall.put(call, new Sent(api.url(toSend).toString(), api.bodyObject(toSend), sentBytes, d.result(),
          d.target()));
    }
    if (d.result().key() != null && call != null) {
      // The scoped key goes on at the network end of the chain (see network()), not here: the
      // application's interceptors and the Response it gets must never show it.
      keyByCall.put(call, new KeyFor(d.result().key(), d.target().host(), d.target().port()));
    }
    // state[1]: the call runs on another thread than the one that started it (enqueue): a deny from
    // the response must then reach the application's callback as an IOException (see the advice).
    return new Object[] {toSend, d.starter() == Thread.currentThread() ? null : Boolean.TRUE, d.result().call(), call};
  }

  /**
   * The last step of the chain, just before the request is written (after every interceptor of the
   * application, once per network attempt): the scoped key replaces the application's. State =
   * {request with key, request without}.
   */
  /**
   * Where OkHttp's own interceptors begin (its bridge, after the application's interceptors and any
   * redirect), before a connection is made: a request changed on its way is decided again here, so
   * that nothing connects to a host the policy does not allow. State = {request to send, as it came}.
   */
  Object[] beforeConnect(Object request, Object call) throws IOException {
    if (call == null || sentByCall.isEmpty()) return null;
    Object checked = recheck(request, call);
    return checked == request ? null : new Object[] {checked, request};
  }

  Object[] network(Object request, Object call) throws IOException {
    if (call == null) return null;
    Object checked = recheck(request, call);
    if (checked != request) return new Object[] {checked, request};
    if (keyByCall.isEmpty()) return null;
    KeyFor k = keyByCall.get(call);
    if (k == null) return null;
    OkHttpApi api = OkHttpApi.of(request);
    Object url = api.url(request);
    // A redirect to another host or port (OkHttp follows them inside the call) gets no key.
    if (api.port(url) != k.port() || !api.host(url).equalsIgnoreCase(k.host())) return null;
    return new Object[] {api.rebuild(request, null, null, k.key()), request};
  }

  /**
   * Decides the request again when it is not the one decided at the chain's entry: another URL (an
   * interceptor re-targeted it, or a redirect was followed) or other body bytes (an interceptor
   * rewrote them). Headers alone may change. The new decision, for the same caller, replaces the
   * first in the audit; a deny stops the call here, before anything is written. Returns the
   * request to send (with the new decision's rewritten body, if any).
   */
  private Object recheck(Object request, Object call) throws IOException {
    Sent sent = sentByCall.get(call);
    if (sent == null) return request;
    OkHttpApi api = OkHttpApi.of(request);
    Object url = api.url(request);
    String urlText = url.toString();
    boolean sameUrl = urlText.equals(sent.url());
    if (sameUrl && api.bodyObject(request) == sent.body()) return request;
    byte[] now = api.readBody(request, WireGovernor.MAX_BODY);
    if (sameUrl && now != null && java.util.Arrays.equals(now, sent.bytes())) return request;
    AiTarget target = wire.classify(api.method(request), api.scheme(url), api.host(url), api.port(url), urlText);
    AiCall first = sent.result().call();
    AiGovernor.Result again;
    try {
      // Moved to a URL that is not AI traffic by itself: it still carries the decided prompt, so it
      // is decided as the same action sent to that host (the endpoints allow-list then applies).
      if (target == null) {
        AiTarget was = sent.target();
        target = new AiTarget(was.provider(), api.scheme(url), api.host(url), api.port(url), was.path(), was.method());
      }
      // The caller of the first decision: this thread may now be a dispatcher's; a null body could not be read.
      again = wire.govern(target, now, now == null, sent.result().caller());
    } catch (CordonAccessDeniedException deny) {
      if (first != null) first.superseded();
      sentByCall.remove(call);
      // Up through the application's interceptors to the chain's entry, whose advice hands an
      // enqueued call's deny to the callback as an IOException.
      throw deny;
    }
    if (first != null) first.superseded();
    if (again.call() != null) redecided.put(call, again.call());
    Object out = again.body() == null ? request : api.rebuild(request, null, again.body(), null);
    sentByCall.put(call, new Sent(urlText, api.bodyObject(out), again.body() != null ? again.body() : now, again, target));
    return out;
  }

  /** A scoped key, for the governed host and port only. */
  private record KeyFor(ScopedKey key, String host, int port) {}

  /** The network response, reporting the request without the key to whoever sees it above. */
  Object networkResponse(Object[] state, Object response) {
    return response == null ? null : OkHttpApi.of(state[1]).withRequest(response, state[1]);
  }

  /** The chain's response: its body is watched for usage; a failure completes the audit entry. */
  Object response(Object[] state, Object response, Throwable thrown) {
    AiCall replaced = null;
    if (state[3] != null) {
      keyByCall.remove(state[3]);
      sentByCall.remove(state[3]);
      replaced = redecided.remove(state[3]);
    }
    AiCall call = replaced != null ? replaced : (AiCall) state[2];
    if (call == null) return response;
    if (thrown != null || response == null) {
      call.failed(thrown != null ? thrown : new IllegalStateException("no response"));
      return response;
    }
    OkHttpApi api = OkHttpApi.of(stateRequest(state));
    int status = api.responseCode(response);
    String type = api.responseHeader(response, "Content-Type");
    boolean sse = call.streaming() || (type != null && type.contains("event-stream"));
    OutputRewrite rewrite = call.outputRewrite(sse, type, api.responseHeader(response, "Content-Encoding"));
    if (call.checksToolCalls() && !sse) {
      // Held back until its tool calls are checked: the application sees the body only if it passes.
      byte[] bytes = api.readBody(response);
      CordonAccessDeniedException deny = call.checkToolCalls(bytes);
      IOException withheld = null;
      if (deny == null && rewrite != null) {
        try {
          bytes = rewrite.whole(bytes);
        } catch (IOException e) {
          withheld = e;
        }
      }
      call.completed(status, UsageReader.find(bytes, 0, bytes.length));
      if (deny != null) throw deny;
      if (withheld != null) throw OkHttp.<RuntimeException>sneaky(withheld);
      return api.withBody(response, bytes, rewrite != null && rewrite.changesBody());
    }
    ResponseWatch watch = new ResponseWatch(sse, u -> call.completed(status, u));
    SseToolGate gate = sse && call.limitsTools() ? new SseToolGate(call) : null;
    return api.watchBody(response, new OkHttpApi.BodyTap() {
      @Override
      public byte[] pass(byte[] chunk) throws IOException {
        byte[] out = gate == null ? chunk : gate.accept(chunk, 0, chunk.length);
        if (rewrite != null) out = rewrite.pass(out, 0, out.length);
        watch.accept(out, 0, out.length);
        return out;
      }

      @Override
      public byte[] end() throws IOException {
        byte[] rest = gate == null ? new byte[0] : gate.finish();
        if (rewrite != null) rest = ByteArrays.concat(rewrite.pass(rest, 0, rest.length), rewrite.end());
        watch.accept(rest, 0, rest.length);
        watch.finish();
        return rest;
      }

      @Override
      public void closed() {
        watch.finish();
      }
    }, rewrite != null && rewrite.changesBody());
  }

  /** Throws a checked exception OkHttp's chain declares (IOException) through a hook that cannot declare it. */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }

  private static Object stateRequest(Object[] state) {
    return state[0];
  }

  /** A request this thread's marker covers, seen without classifying it (it carries no token to strip). */
  private static final Decided COVERED_ON_THREAD = new Decided(null, true, false, null, null, null);

  private Decided decide(Object request) throws IOException {
    OkHttpApi api = OkHttpApi.of(request);
    Object url = api.url(request);
    String scheme = api.scheme(url);
    String host = api.host(url);
    int port = api.port(url);
    String text = url.toString();
    // A blocking SDK call governed above, on this thread: the most common case, answered first.
    if (GovernedCalls.onThreadCoversUrl(scheme, host, port, text) && api.header(request, GovernedCalls.HEADER) == null) {
      return COVERED_ON_THREAD;
    }
    AiTarget target = wire.classify(api.method(request), scheme, host, port, text);
    if (target == null) return null;
    String token = api.header(request, GovernedCalls.HEADER);
    if (wire.covered(target, token)) return new Decided(target, true, token != null, null, Thread.currentThread(), null);
    byte[] body = api.readBody(request, WireGovernor.MAX_BODY);
    AiGovernor.Result result = wire.govern(target, body, body == null);
    return new Decided(target, false, token != null, result, Thread.currentThread(), body);
  }
}
