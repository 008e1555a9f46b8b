package dev.cordon.agent.sdk;

import dev.cordon.CordonAccessDeniedException;
import dev.cordon.agent.ai.AiCall;
import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.ai.AiTarget;
import dev.cordon.agent.ai.UrlTarget;
import dev.cordon.agent.ai.Usage;
import dev.cordon.agent.ai.UsageReader;
import dev.cordon.bootstrap.Dispatch;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;

/**
 * Governs LangChain4j 1.x at its HTTP client funnel: the request (full URL, String JSON body) is
 * decided before the transport sees it; a synchronous response's usage is read from its String
 * body; a stream's from its server-sent events, through a listener that passes every event on.
 */
public final class LangChain4jHooks {
  private static final String LISTENER = "dev.langchain4j.http.client.sse.ServerSentEventListener";
  private static final String PARSER = "dev.langchain4j.http.client.sse.ServerSentEventParser";
  private static final String NON_RETRIABLE = "dev.langchain4j.exception.NonRetriableException";

  private final AiGovernor governor;
  /** A decided request's call, and whether its stream is server-sent events (Ollama's native API streams NDJSON). */
  private record Pending(AiCall call, boolean sse) {}

  private final Map<Object, Pending> inFlight = Collections.synchronizedMap(new WeakHashMap<>());

  public LangChain4jHooks(AiGovernor governor) {
    this.governor = governor;
  }

  public static boolean owns(Object request) {
    return request.getClass().getName().startsWith("dev.langchain4j.");
  }

  public Object prepared(Object request) throws IOException {
    LangChain4jHttp http = LangChain4jHttp.of(request);
    AiTarget target = UrlTarget.of(http.url(request), http.method(request));
    if (target.action() == null) return request;
    String body = http.multipart(request) ? null : http.body(request);
    AiGovernor.Result result = governor.govern(target, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    Funnels.governed(target);
    Object toSend = result.body() == null ? request
        : http.withBody(request, new String(result.body(), StandardCharsets.UTF_8));
    if (result.key() != null) toSend = http.withKey(toSend, result.key());
    if (result.call() != null) inFlight.put(toSend, new Pending(result.call(), !target.path().startsWith("/api/")));
    return toSend;
  }

  /** The whole answer, governed (tool calls checked, output redacted, usage read): the same response unless redaction changed it. */
  public Object response(Object request, Object response, Throwable thrown) {
    Pending p = inFlight.remove(request);
    if (p == null) return response;
    AiCall call = p.call();
    if (thrown != null || response == null) {
      call.failed(thrown != null ? thrown : new IllegalStateException("no response"));
      return response;
    }
    String body = LangChain4jHttp.responseBody(response);
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    byte[] out = ResponseBodies.governedBytes(call, bytes, LangChain4jHttp.status(response));
    return java.util.Arrays.equals(out, bytes) ? response
        : LangChain4jHttp.withResponseBody(response, new String(out, StandardCharsets.UTF_8));
  }

  /**
   * A stream's parser that reads the body through {@link ResponseBodies#governed} (tool gate, output
   * redaction, usage), for server-sent events; Ollama's NDJSON is passed through (its counts are read
   * from the events by the listener).
   */
  public Object parser(Object request, Object parser) {
    Pending p = inFlight.get(request);
    if (p == null || !p.sse() || parser == null) return parser;
    Class<?> type = find(parser.getClass(), PARSER);
    if (type == null) return parser;
    AiCall call = p.call();
    return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
      switch (m.getName()) {
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        case "equals" -> {
          return proxy == args[0];
        }
        case "toString" -> {
          return "CordonGovernedParser(" + parser + ")";
        }
        default -> { }
      }
      if (args != null && args.length > 0 && args[0] instanceof java.io.InputStream in) {
        // LangChain4j parses only answers with a 2xx status.
        args[0] = ResponseBodies.governed(call, in, 200);
      }
      try {
        return m.invoke(parser, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }

  public Object listener(Object request, Object listener) {
    Pending p = inFlight.remove(request);
    if (p == null) return listener;
    Class<?> type = find(listener.getClass(), LISTENER);
    if (type == null) throw new IllegalStateException("no " + LISTENER + " on " + listener.getClass().getName());
    return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new StreamTap(p.call(), listener, !p.sse()));
  }

  /**
   * Passes every event on and ends the call with the stream (or its error); for NDJSON streams, whose
   * body the parser reads unwatched, it also collects the usage from the events' data.
   */
  private static final class StreamTap implements java.lang.reflect.InvocationHandler {
    private final AiCall call;
    private final Object target;
    private final boolean readsUsage;
    private volatile int status;
    private Usage usage;

    StreamTap(AiCall call, Object target, boolean readsUsage) {
      this.call = call;
      this.target = target;
      this.readsUsage = readsUsage;
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      switch (m.getName()) {
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        case "equals" -> {
          return proxy == args[0];
        }
        case "toString" -> {
          return "CordonStreamTap(" + target + ")";
        }
        case "onOpen" -> status = args != null && args.length > 0 && args[0] != null ? LangChain4jHttp.status(args[0]) : 0;
        case "onEvent" -> {
          if (readsUsage) see(args[0]);
        }
        case "onError" -> call.failed(args[0] instanceof Throwable t ? t : new IllegalStateException("stream error"));
        case "onClose" -> call.completed(status, usage == null ? Usage.NONE : usage);
        default -> { }
      }
      try {
        return m.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private void see(Object event) {
      try {
        String data = event == null ? null : LangChain4jHttp.eventData(event);
        // "usage", "usageMetadata", Ollama's "prompt_eval_count"/"eval_count" (its NDJSON lines arrive as events).
        if (data == null || !(data.contains("sage") || data.contains("eval_count"))) return;
        byte[] b = data.getBytes(StandardCharsets.UTF_8);
        Usage u = UsageReader.find(b, 0, b.length);
        if (u.known()) usage = UsageReader.merge(usage, u);
      } catch (RuntimeException e) {
        // Usage is best effort; the stream itself must flow on untouched.
      }
    }
  }

  private static Class<?> find(Class<?> c, String name) {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      for (Class<?> i : k.getInterfaces()) {
        if (i.getName().equals(name)) return i;
        Class<?> deeper = find(i, name);
        if (deeper != null) return deeper;
      }
    }
    return null;
  }

  private static final ClassValue<Constructor<?>> NO_RETRY = new ClassValue<>() {
    @Override
    protected Constructor<?> computeValue(Class<?> owner) {
      try {
        return Class.forName(NON_RETRIABLE, false, owner.getClassLoader()).getConstructor(String.class, Throwable.class);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  /** The retry loop's callable, turning a deny into LangChain4j's NonRetriableException (unwrapped on exit). */
  public static Object noRetryOnDeny(Object callable, Class<?> owner) {
    if (!(callable instanceof Callable<?> inner) || callable instanceof NoRetry) return callable;
    return new NoRetry(inner, NO_RETRY.get(owner));
  }

  private record NoRetry(Callable<?> inner, Constructor<?> nonRetriable) implements Callable<Object> {
    @Override
    public Object call() throws Exception {
      try {
        return inner.call();
      } catch (Exception e) {
        CordonAccessDeniedException deny = denyIn(e);
        if (deny == null) throw e;
        throw (Exception) nonRetriable.newInstance(Dispatch.NO_RETRY, deny);
      }
    }

    private static CordonAccessDeniedException denyIn(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof CordonAccessDeniedException d) return d;
      }
      return null;
    }
  }
}
