package dev.cordon.agent.transport;

import dev.cordon.agent.ai.AiCall;
import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.ai.AiTarget;
import dev.cordon.agent.ai.ResponseWatch;
import dev.cordon.agent.principal.Caller;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reactor Netty's HTTP client ({@code reactor.netty.http.client.HttpClient}), the transport of
 * Spring's WebClient and so of Spring AI 1.x streaming. The request is sent on an event-loop thread,
 * long after the application's code has returned, so the work is split in three:
 *
 * <ol>
 *   <li><b>who</b>: {@code HttpClientConnect.HttpClientHandler} is constructed when the request's
 *       {@code Mono} is subscribed, on the subscribing thread. If its URL is AI traffic, the
 *       principal is resolved there, from that thread's stack (and its inbound request), and kept
 *       with the handler. A request subscribed from another thread (a {@code subscribeOn}
 *       scheduler, or inside another reactive chain running on an event loop) is attributed to what
 *       that thread's stack shows: usually no application frame, so the policy's fallback principal.
 *   <li><b>what</b>: {@code HttpClientOperations.newFullBodyMessage(body)} builds the request with its
 *       whole body (WebClient sends a {@code Mono} body this way) on the event loop, before anything
 *       is written: the request is decided there, a rewritten body replaces the buffer, and a deny
 *       fails the request's {@code Mono} with {@link dev.cordon.CordonAccessDeniedException} (WebClient
 *       wraps it in its {@code WebClientRequestException}). A request whose headers go out first
 *       (a streamed {@code Flux} body) is decided in {@code markSentHeaders} on its URL alone.
 *       The TCP connection exists by then: an unlisted host may see a connection, never a request.
 *   <li><b>answer</b>: {@code HttpClientOperations.onInboundNext} sees the response head and its
 *       content as they arrive: status and usage (JSON or server-sent events) complete the audit
 *       entry; tool calls outside {@code limits.tools} fail the response (see {@link #inbound}).
 *       Output is not redacted.
 * </ol>
 */
final class ReactorNetty {
  private final WireGovernor wire;
  /** Handlers of AI requests, with the principal captured where they were subscribed. */
  private final Map<Object, Caller> callers = Collections.synchronizedMap(new WeakHashMap<>());
  /** The handler behind each connection's operations, for AI requests only. */
  private final Map<Object, Caller> byOps = Collections.synchronizedMap(new WeakHashMap<>());
  /** Handlers, then operations, of SDK streams (Spring AI 1.x) whose answer must be redacted here. */
  private final Map<Object, AiCall> sdkStreams = Collections.synchronizedMap(new WeakHashMap<>());
  private final Map<Object, Watched> watched = Collections.synchronizedMap(new WeakHashMap<>());
  /** Responses being watched: zero lets every other inbound message pass without a lookup. */
  private final AtomicInteger inFlight = new AtomicInteger();

  ReactorNetty(WireGovernor wire) {
    this.wire = wire;
  }

  /** A response being read for its usage and, when the rule limits tools, its tool calls. */
  private static final class Watched {
    final AiCall call;
    /** An SDK's stream: the SDK completes the call; only its output is redacted here. */
    boolean redactOnly;
    int status;
    ResponseWatch watch;
    dev.cordon.agent.ai.SseToolGate gate;
    java.io.ByteArrayOutputStream held;
    /** Output redaction, or null when the rule asks for none. */
    dev.cordon.agent.ai.OutputRewrite rewrite;

    Watched(AiCall call) {
      this.call = call;
    }
  }

  /** The handler was created on the subscribing thread: capture the principal if it is AI traffic. */
  void handlerCreated(Object handler) {
    Object uri = field(handler, "toURI");
    Object method = field(handler, "method");
    if (uri == null) return;
    String scheme = (String) field(uri, "scheme");
    String host = (String) field(uri, "host");
    int port = (Integer) field(uri, "port");
    String path = (String) field(uri, "pathAndQuery");
    if (path == null || host == null || scheme == null) return;
    int end = path.indexOf('?');
    AiTarget t = wire.classifyPath(method == null ? "GET" : method.toString(), scheme, host, port, path, 0,
        end < 0 ? path.length() : end);
    // Subscribed inside a governed client call (the transport marker is on this thread), or as the
    // stream of one (Spring AI 1.x): decided above.
    if (t != null) {
      GovernedCalls.Pending sdk = wire.covered(t, null) ? null : GovernedCalls.takePending(t);
      callers.put(handler, wire.covered(t, null) || sdk != null ? COVERED : wire.caller());
      if (sdk != null && sdk.call != null && sdk.call.countsOutput()) sdkStreams.put(handler, sdk.call);
      // Reactor Netty connects (on its event loop) before the request is decided, when its body is
      // written: nothing leaves before that decision, so the socket backstop lets the connect through.
      SocketBackstop.lease(t.host(), t.port());
    }
  }

  /** Stands for "an SDK hook governed this request when it was subscribed". */
  private static final Caller COVERED = new Caller("(covered)", null);

  /** {@code requestWithBody(ops)}: the connection's operations now belong to that handler. */
  Object[] bind(Object ops, Object handler) {
    if (callers.isEmpty()) return null;
    Caller c = callers.get(handler);
    if (c != null) byOps.put(ops, c);
    AiCall sdk = c == COVERED ? sdkStreams.remove(handler) : null;
    if (sdk != null) sdkStreams.put(ops, sdk);
    return null;
  }

  /**
   * Decides the request on {@code ops}; {@code body} is its whole body (a ByteBuf) or null when the
   * headers go out first. State = {replacement ByteBuf or null}.
   */
  Object[] request(Object ops, Object body) throws IOException {
    if (watched.containsKey(ops)) return null;
    String url = (String) call(method(ops, "resourceUrl"), ops);
    Object m = call(method(ops, "method"), ops);
    if (url == null) return null;
    int s = url.indexOf("://");
    if (s < 0) return null;
    int hostStart = s + 3;
    int pathStart = url.indexOf('/', hostStart);
    if (pathStart < 0) pathStart = url.length();
    int colon = url.lastIndexOf(':', pathStart - 1);
    boolean hasPort = colon > hostStart && url.indexOf(']', colon) < 0;
    String host = url.substring(hostStart, hasPort ? colon : pathStart);
    if (host.startsWith("[")) host = host.substring(1, host.length() - 1);
    int port = hasPort ? Integer.parseInt(url, colon + 1, pathStart, 10) : -1;
    AiTarget t = wire.classify(m.toString(), url.substring(0, s), host, port, url);
    if (t == null) return null;
    Object headers = call(method(ops, "requestHeaders"), ops);
    String token = (String) call(method(headers, "get", String.class), headers, GovernedCalls.HEADER);
    if (token != null) call(method(headers, "remove", String.class), headers, GovernedCalls.HEADER);
    if (wire.covered(t, token)) return null;
    byte[] bytes = body == null ? null : read(body);
    Caller caller = byOps.get(ops);
    if (caller == COVERED) {
      AiCall sdk = sdkStreams.remove(ops);
      if (sdk != null) {
        Watched w = new Watched(sdk);
        w.redactOnly = true;
        watched.put(ops, w);
        inFlight.incrementAndGet();
      }
      return null;
    }
    AiGovernor.Result result;
    try {
      result = wire.govern(t, bytes, bytes == null, caller);
    } catch (dev.cordon.CordonAccessDeniedException deny) {
      // The request is never built: its body buffer would leak.
      if (body != null) call(method(body, "release"), body);
      throw deny;
    }
    if (result.key() != null) {
      for (String h : dev.cordon.agent.credentials.ScopedKey.AUTH_HEADERS) {
        call(method(headers, "remove", String.class), headers, h);
      }
      call(method(headers, "set", String.class, Object.class), headers, result.key().header(), result.key().value());
    }
    if (result.call() != null) {
      watched.put(ops, new Watched(result.call()));
      inFlight.incrementAndGet();
    }
    if (result.body() == null || body == null) return null;
    Object replacement;
    try {
      Class<?> unpooled = Class.forName("io.netty.buffer.Unpooled", false, body.getClass().getClassLoader());
      replacement = call(unpooled.getMethod("wrappedBuffer", byte[].class), null, (Object) result.body());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("unsupported Netty version", e);
    }
    call(method(body, "release"), body);
    return new Object[] {replacement};
  }

  /** The bytes of a ByteBuf between its reader and writer index, without moving either. */
  private static byte[] read(Object buf) {
    int n = (Integer) call(method(buf, "readableBytes"), buf);
    if (n > WireGovernor.MAX_BODY) return null;
    return readAll(buf);
  }

  /** All the readable bytes of a ByteBuf, however many (a content chunk that must be redacted). */
  private static byte[] readAll(Object buf) {
    int n = (Integer) call(method(buf, "readableBytes"), buf);
    int at = (Integer) call(method(buf, "readerIndex"), buf);
    byte[] out = new byte[n];
    call(method(buf, "getBytes", int.class, byte[].class), buf, at, out);
    return out;
  }

  /**
   * An inbound message on a client connection: the response head, content, or its end; returns the
   * message Reactor Netty must process (another one when output redaction rewrote its content). When
   * the rule limits tools, a JSON answer is collected and checked when its last chunk arrives, before
   * that chunk is passed on, and an event stream is checked line by line as it arrives; a tool call
   * outside {@code limits.tools} throws the deny here, before the message is processed: Reactor
   * Netty releases it, closes the connection and fails the response with the deny. So a client
   * that aggregates the body (WebClient {@code bodyToMono}, {@code aggregate()}) never sees a denied
   * answer; one reading raw chunks may have seen the chunks before (for a stream: the events before).
   */
  Object inbound(Object ops, Object msg) throws IOException {
    if (inFlight.get() == 0) return msg;
    Watched w = watched.get(ops);
    if (w == null) return msg;
    Class<?> type = msg.getClass();
    if (w.redactOnly) return redactOnly(ops, w, msg, type);
    if (implementsNamed(type, "io.netty.handler.codec.http.HttpResponse")) {
      Object status = call(method(msg, "status"), msg);
      w.status = (Integer) call(method(status, "code"), status);
      Object headers = call(method(msg, "headers"), msg);
      String ct = (String) call(method(headers, "get", String.class), headers, "Content-Type");
      boolean sse = w.call.streaming() || (ct != null && ct.contains("event-stream"));
      w.watch = new ResponseWatch(sse, u -> w.call.completed(w.status, u));
      if (w.call.checksToolCalls() && !sse) w.held = new java.io.ByteArrayOutputStream();
      else if (sse && w.call.limitsTools()) w.gate = new dev.cordon.agent.ai.SseToolGate(w.call);
      w.rewrite = w.call.outputRewrite(sse, ct,
          (String) call(method(headers, "get", String.class), headers, "Content-Encoding"));
      // The decoder has framed the body already; the application must not trust a length the
      // redacted body no longer has.
      if (w.rewrite != null && w.rewrite.changesBody()) {
        call(method(headers, "remove", String.class), headers, "Content-Length");
      }
    }
    boolean last = implementsNamed(type, "io.netty.handler.codec.http.LastHttpContent");
    Object out = msg;
    Object content = null;
    byte[] bytes = null;
    if (w.watch != null && implementsNamed(type, "io.netty.buffer.ByteBufHolder")) {
      content = call(method(msg, "content"), msg);
      bytes = w.rewrite != null ? readAll(content) : read(content);
      if (bytes != null) {
        byte[] chunk = bytes;
        if (w.held != null) w.held.write(chunk, 0, chunk.length);
        else w.watch.accept(chunk, 0, chunk.length);
        if (w.gate != null) checked(ops, w, () -> w.gate.accept(chunk, 0, chunk.length));
        // A held answer's last chunk is redacted once its tool calls passed (a deny leaves the
        // original message to Reactor Netty, which releases it).
        if (w.rewrite != null && !(last && w.held != null)) out = rewritten(ops, w, msg, content, chunk, last);
      }
    }
    if (last) {
      if (watched.remove(ops) != null) inFlight.decrementAndGet();
      if (w.held != null) {
        byte[] all = w.held.toByteArray();
        dev.cordon.CordonAccessDeniedException deny = w.call.checkToolCalls(all);
        // Redacted before the entry is written, so that it counts the output's redactions.
        if (deny == null && w.rewrite != null && bytes != null) out = rewritten(ops, w, msg, content, bytes, true);
        w.call.completed(w.status, dev.cordon.agent.ai.UsageReader.find(all, 0, all.length));
        if (deny != null) throw deny;
      } else if (w.watch != null) {
        if (w.gate != null) checked(ops, w, w.gate::finish);
        w.watch.finish();
      } else {
        w.call.completed(w.status, dev.cordon.agent.ai.Usage.NONE);
      }
    }
    return out;
  }

  /** The answer of an SDK's stream: output redaction only (the SDK reads usage and completes the call). */
  private Object redactOnly(Object ops, Watched w, Object msg, Class<?> type) throws IOException {
    if (implementsNamed(type, "io.netty.handler.codec.http.HttpResponse")) {
      Object headers = call(method(msg, "headers"), msg);
      String ct = (String) call(method(headers, "get", String.class), headers, "Content-Type");
      w.rewrite = w.call.outputRewrite(w.call.streaming() || (ct != null && ct.contains("event-stream")), ct,
          (String) call(method(headers, "get", String.class), headers, "Content-Encoding"));
      if (w.rewrite != null && w.rewrite.changesBody()) {
        call(method(headers, "remove", String.class), headers, "Content-Length");
      }
    }
    boolean last = implementsNamed(type, "io.netty.handler.codec.http.LastHttpContent");
    Object out = msg;
    if (w.rewrite != null && implementsNamed(type, "io.netty.buffer.ByteBufHolder")) {
      Object content = call(method(msg, "content"), msg);
      out = rewritten(ops, w, msg, content, readAll(content), last);
    }
    if (last && watched.remove(ops) != null) inFlight.decrementAndGet();
    return out;
  }

  /**
   * Passes a content message's bytes through the output redaction. Monitor counts them and keeps
   * the message; enforce returns a copy of the message holding what the redaction releases now
   * (fewer bytes while a value may still be cut across chunks, more when a token is longer than
   * the value it hides, everything held back on the last one) and releases the original.
   */
  private Object rewritten(Object ops, Watched w, Object msg, Object content, byte[] bytes, boolean last)
      throws IOException {
    byte[] released;
    IOException refused = null;
    try {
      released = w.rewrite.pass(bytes, 0, bytes.length);
      if (last) released = ByteArrays.concat(released, w.rewrite.end());
    } catch (IOException e) {
      // Already audited, and the call's entry written, by the rewrite.
      if (watched.remove(ops) != null) inFlight.decrementAndGet();
      released = null;
      refused = e;
    }
    if (refused == null && !w.rewrite.changesBody()) return msg;
    Object replacement;
    try {
      ClassLoader loader = content.getClass().getClassLoader();
      Class<?> unpooled = Class.forName("io.netty.buffer.Unpooled", false, loader);
      Class<?> byteBuf = Class.forName("io.netty.buffer.ByteBuf", false, loader);
      if (refused == null) {
        Object buf = call(unpooled.getMethod("wrappedBuffer", byte[].class), null, (Object) released);
        replacement = call(method(msg, "replace", byteBuf), msg, buf);
      } else {
        // Nothing unredacted is handed on: the body ends here as a decoding failure, which Reactor
        // Netty turns into the response's error (the IOException saying why), closing the connection.
        // Throwing instead would be reported a second time as an internal fault.
        Object empty = unpooled.getField("EMPTY_BUFFER").get(null);
        replacement = Class.forName("io.netty.handler.codec.http.DefaultLastHttpContent", false, loader)
            .getConstructor(byteBuf).newInstance(empty);
        Class<?> result = Class.forName("io.netty.handler.codec.DecoderResult", false, loader);
        Object failure = result.getMethod("failure", Throwable.class).invoke(null, refused);
        call(method(replacement, "setDecoderResult", result), replacement, failure);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("unsupported Netty version", e);
    }
    call(method(msg, "release"), msg);
    return replacement;
  }


  /** Runs a stream check; a deny ends the watch (the audit entry already says blocked) and is thrown. */
  private void checked(Object ops, Watched w, Runnable check) {
    try {
      check.run();
    } catch (dev.cordon.CordonAccessDeniedException deny) {
      if (watched.remove(ops) != null) inFlight.decrementAndGet();
      w.watch.finish();
      throw deny;
    }
  }

  private static boolean implementsNamed(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(name)) return true;
      for (Class<?> i : c.getInterfaces()) if (i.getName().equals(name) || implementsNamed(i, name)) return true;
    }
    return false;
  }

  /** Fields and methods by class, looked up once: the handler and the full-body hooks run for every request. */
  private static final ClassValue<java.util.concurrent.ConcurrentHashMap<String, Object>> MEMBERS = new ClassValue<>() {
    @Override
    protected java.util.concurrent.ConcurrentHashMap<String, Object> computeValue(Class<?> type) {
      return new java.util.concurrent.ConcurrentHashMap<>();
    }
  };

  private static Object field(Object o, String name) {
    Field f = (Field) MEMBERS.get(o.getClass()).computeIfAbsent(name, n -> findField(o.getClass(), n));
    try {
      return f.get(o);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Field findField(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException e) {
        // declared higher up
      }
    }
    throw new IllegalStateException("unsupported Reactor Netty version: no field " + name + " in " + type.getName());
  }

  /** A public method of {@code o}'s class, callable even when that class itself is not public. */
  private static Method method(Object o, String name, Class<?>... params) {
    String key = params.length == 0 ? name : name + "/" + params.length;
    return (Method) MEMBERS.get(o.getClass()).computeIfAbsent(key, k -> {
      try {
        Method m = o.getClass().getMethod(name, params);
        m.setAccessible(true);
        return m;
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("unsupported Reactor Netty version: " + name, e);
      }
    });
  }

  private static Object call(Method m, Object target, Object... args) {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw ApacheApi.rethrow(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
