package dev.cordon.agent.transport;

import dev.cordon.CordonAccessDeniedException;
import dev.cordon.agent.ai.AiCall;
import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.ai.AiTarget;
import dev.cordon.agent.ai.OutputRewrite;
import dev.cordon.agent.ai.ResponseWatch;
import dev.cordon.agent.ai.SseToolGate;
import dev.cordon.agent.ai.UsageReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Apache HttpClient 5.x async ({@code CloseableHttpAsyncClient.execute} in every overload, including
 * {@code SimpleHttpRequest}s): all of them call {@code doExecute(target, requestProducer,
 * responseConsumer, pushHandlerFactory, context, callback)} of the client implementation on the
 * caller's thread, where the call is decided, so it belongs to the code that started it; a deny is
 * thrown from {@code execute} itself and nothing is queued.
 *
 * <p>The request is read from the producer the client's own builders make ({@code BasicRequestProducer},
 * which {@code SimpleRequestProducer} and {@code AsyncRequestBuilder} produce): a repeatable entity
 * producer is drained into a buffer and the client gets a new producer over the decided bytes; a
 * non-repeatable one is decided unread. The response consumer is wrapped: its bytes go through the
 * same readers as the other transports (usage; a JSON answer is held back until its tool calls are
 * checked, a stream cut at the event that starts a call to a tool outside {@code limits.tools}), and
 * a deny fails the future (and the application's callback) with {@link CordonAccessDeniedException}.
 */
final class ApacheAsync {
  private final WireGovernor wire;

  ApacheAsync(WireGovernor wire) {
    this.wire = wire;
  }

  /** The API of one application's copy of httpcore5, by the producer class. */
  private static final class Api {
    final Field request;
    final Field dataProducer;
    final Constructor<?> requestProducer;
    final Constructor<?> bytesProducer;
    final Method contentTypeParse;
    final Class<?> dataStreamChannel;
    final Class<?> responseConsumer;
    final Class<?> futureCallback;
    final Method repeatable;
    final Method produce;
    final Method entityType;
    final Method entityEncoding;
    final Method responseCode;
    final Class<?> requestProducerType;
    final Class<?> requestChannel;
    final Class<?> entityProducerType;

    Api(Class<?> basicProducer) throws ReflectiveOperationException {
      ClassLoader l = basicProducer.getClassLoader();
      request = basicProducer.getDeclaredField("request");
      request.setAccessible(true);
      dataProducer = basicProducer.getDeclaredField("dataProducer");
      dataProducer.setAccessible(true);
      Class<?> httpRequest = Class.forName("org.apache.hc.core5.http.HttpRequest", false, l);
      Class<?> entityProducer = Class.forName("org.apache.hc.core5.http.nio.AsyncEntityProducer", false, l);
      requestProducer = basicProducer.getConstructor(httpRequest, entityProducer);
      Class<?> contentType = Class.forName("org.apache.hc.core5.http.ContentType", false, l);
      bytesProducer = Class.forName("org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer", false, l)
          .getConstructor(byte[].class, contentType);
      contentTypeParse = contentType.getMethod("parse", CharSequence.class);
      dataStreamChannel = Class.forName("org.apache.hc.core5.http.nio.DataStreamChannel", false, l);
      responseConsumer = Class.forName("org.apache.hc.core5.http.nio.AsyncResponseConsumer", false, l);
      futureCallback = Class.forName("org.apache.hc.core5.concurrent.FutureCallback", false, l);
      repeatable = entityProducer.getMethod("isRepeatable");
      produce = Class.forName("org.apache.hc.core5.http.nio.AsyncDataProducer", false, l).getMethod("produce", dataStreamChannel);
      Class<?> details = Class.forName("org.apache.hc.core5.http.EntityDetails", false, l);
      entityType = details.getMethod("getContentType");
      entityEncoding = details.getMethod("getContentEncoding");
      responseCode = Class.forName("org.apache.hc.core5.http.HttpResponse", false, l).getMethod("getCode");
      requestProducerType = Class.forName("org.apache.hc.core5.http.nio.AsyncRequestProducer", false, l);
      requestChannel = Class.forName("org.apache.hc.core5.http.nio.RequestChannel", false, l);
      entityProducerType = entityProducer;
    }
  }

  /** By producer class: the API when it is (a subclass of) BasicRequestProducer, else null. */
  private static final ClassValue<Api> APIS = new ClassValue<>() {
    @Override
    protected Api computeValue(Class<?> type) {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        if (c.getName().equals(BASIC_PRODUCER)) return api(c);
      }
      return null;
    }
  };

  /** By producer class, for any other producer: the API of the httpcore5 it was loaded with. */
  private static final ClassValue<Api> OTHER_APIS = new ClassValue<>() {
    @Override
    protected Api computeValue(Class<?> type) {
      try {
        return api(Class.forName(BASIC_PRODUCER, false, type.getClassLoader()));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("no httpcore5 beside " + type.getName(), e);
      }
    }
  };

  private static final String BASIC_PRODUCER = "org.apache.hc.core5.http.nio.support.BasicRequestProducer";

  private static Api api(Class<?> basicProducer) {
    try {
      return new Api(basicProducer);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("unsupported httpcore5 version", e);
    }
  }

  /** State = {request producer, response consumer, AiCall, saved auth headers or null, the request}. */
  Object[] request(Object producer, Object consumer) throws IOException {
    Api api = APIS.get(producer.getClass());
    if (api == null) return deferred(OTHER_APIS.get(producer.getClass()), producer, consumer);
    Object request;
    Object entity;
    try {
      request = api.request.get(producer);
      entity = api.dataProducer.get(producer);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    ApacheApi http = ApacheApi.of(request);
    AiTarget t = http.classify(wire, request, null);
    if (t == null) return null;
    String token = http.header(request, GovernedCalls.HEADER);
    if (token != null) http.removeHeaders(request, GovernedCalls.HEADER);
    if (wire.covered(t, token)) return null;
    byte[] body = entity == null ? new byte[0] : drain(api, entity);
    AiGovernor.Result result = wire.govern(t, body, body == null);
    Object newProducer = producer;
    if (entity != null && body != null) {
      // The original entity producer has been drained: the client sends a fresh one over the decided bytes.
      byte[] send = result.body() != null ? result.body() : body;
      String type = (String) ApacheApi.call(api.entityType, entity);
      Object ct = type == null ? null : ApacheApi.call(api.contentTypeParse, null, type);
      newProducer = construct(api.requestProducer, request, construct(api.bytesProducer, send, ct));
    }
    List<String> saved = result.key() == null ? null : http.putScopedKey(request, result.key());
    AiCall call = result.call();
    Object watched = call == null ? consumer : watch(api, consumer, call, request, saved);
    return new Object[] {newProducer, watched, call, saved, request};
  }

  /** {@code doExecute} threw (before anything was queued): the call's audit entry records the failure. */
  Object response(Object[] state, Object future, Throwable thrown) {
    if (state[2] instanceof Deferred d) {
      if (thrown != null && d.call != null) d.call.failed(thrown);
      return future;
    }
    if (thrown != null && state[2] instanceof AiCall call) {
      restore(state[4], state[3]);
      call.failed(thrown);
    }
    return future;
  }

  @SuppressWarnings("unchecked")
  private static void restore(Object request, Object saved) {
    if (saved == null) return;
    ApacheApi.of(request).restoreAuthHeaders(request, (List<String>) saved);
  }

  /**
   * A producer the agent cannot look into (not a {@code BasicRequestProducer}): it is wrapped so that
   * the request is decided when the producer hands it to the client, which {@code doExecute} makes
   * it do at once, still on the caller's thread. The decided entity (when it was read) replaces the
   * producer's data; the consumer is wrapped too and governs the answer once a call was decided.
   */
  private Object[] deferred(Api api, Object producer, Object consumer) {
    Deferred d = new Deferred();
    Object watched = Proxy.newProxyInstance(api.responseConsumer.getClassLoader(), new Class<?>[] {api.responseConsumer},
        (proxy, m, args) -> switch (m.getName()) {
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "CordonDeferredConsumer(" + consumer + ")";
          default -> {
            Object w = d.watched;
            yield invoke(m, w != null ? w : consumer, args);
          }
        });
    Object wrapped = Proxy.newProxyInstance(api.requestProducerType.getClassLoader(), new Class<?>[] {api.requestProducerType},
        (proxy, m, args) -> switch (m.getName()) {
          case "sendRequest" -> {
            Object channel = args[0];
            Object ours = Proxy.newProxyInstance(api.requestChannel.getClassLoader(), new Class<?>[] {api.requestChannel},
                (cp, cm, cargs) -> switch (cm.getName()) {
                  case "sendRequest" -> {
                    Object entity = decide(api, d, cargs[0], cargs[1], consumer);
                    yield invoke(cm, channel, new Object[] {cargs[0], entity, cargs[2]});
                  }
                  case "hashCode" -> System.identityHashCode(cp);
                  case "equals" -> cp == cargs[0];
                  case "toString" -> "CordonRequestChannel";
                  default -> invoke(cm, channel, cargs);
                });
            yield invoke(m, producer, new Object[] {ours, args[1]});
          }
          // The producer's data methods have twins of the same name on the replacement entity producer.
          case "available", "produce", "isRepeatable" -> d.entity != null ? invoke(twin(m, d.entity), d.entity, args)
              : invoke(m, producer, args);
          case "failed", "releaseResources" -> {
            if (d.entity != null) invoke(twin(m, d.entity), d.entity, args);
            yield invoke(m, producer, args);
          }
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "CordonDeferredProducer(" + producer + ")";
          default -> invoke(m, producer, args);
        });
    return new Object[] {wrapped, watched, d, null, null};
  }

  /** What a deferred decision left for the rest of the exchange. */
  private static final class Deferred {
    volatile Object entity;
    volatile Object watched;
    volatile AiCall call;
  }

  /**
   * The producer hands over its request: decide it like the fast path (on the caller's thread,
   * inside {@code doExecute}); returns the entity details to pass on (a replacement producer over the
   * decided bytes when the entity was read). Runs outside {@code Dispatch}, so it guards itself and
   * turns faults into the mode's answer.
   */
  private Object decide(Api api, Deferred d, Object request, Object details, Object consumer) throws IOException {
    if (!dev.cordon.bootstrap.Guard.tryEnter(dev.cordon.agent.AgentKey.KEY)) return details;
    try {
      ApacheApi http = ApacheApi.of(request);
      AiTarget t = http.classify(wire, request, null);
      if (t == null) return details;
      String token = http.header(request, GovernedCalls.HEADER);
      if (token != null) http.removeHeaders(request, GovernedCalls.HEADER);
      if (wire.covered(t, token)) return details;
      boolean producesEntity = details != null && api.entityProducerType.isInstance(details);
      byte[] body = details == null ? new byte[0] : producesEntity ? drain(api, details) : null;
      AiGovernor.Result result = wire.govern(t, body, body == null);
      Object entity = details;
      if (producesEntity && body != null) {
        byte[] send = result.body() != null ? result.body() : body;
        String type = (String) ApacheApi.call(api.entityType, details);
        Object ct = type == null ? null : ApacheApi.call(api.contentTypeParse, null, type);
        entity = construct(api.bytesProducer, send, ct);
        d.entity = entity;
      }
      List<String> saved = result.key() == null ? null : http.putScopedKey(request, result.key());
      if (result.call() != null) {
        d.call = result.call();
        d.watched = watch(api, consumer, result.call(), request, saved);
      }
      return entity;
    } catch (dev.cordon.CordonAccessDeniedException deny) {
      throw deny;
    } catch (RuntimeException | IOException e) {
      RuntimeException closed = wire.fault("wire.request", e);
      if (closed != null) throw closed;
      return details;
    } finally {
      dev.cordon.bootstrap.Guard.exit(dev.cordon.agent.AgentKey.KEY);
    }
  }

  /** The bytes of a repeatable, uncompressed entity producer (at most 16 MiB), or null. */
  private static byte[] drain(Api api, Object entity) {
    if (!(Boolean) ApacheApi.call(api.repeatable, entity) || ApacheApi.call(api.entityEncoding, entity) != null) return null;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean[] ended = new boolean[1];
    Object channel = Proxy.newProxyInstance(api.dataStreamChannel.getClassLoader(), new Class<?>[] {api.dataStreamChannel},
        (proxy, m, args) -> switch (m.getName()) {
          case "write" -> {
            ByteBuffer b = (ByteBuffer) args[0];
            int n = b.remaining();
            if (out.size() + n > WireGovernor.MAX_BODY) throw new IOException("body over the limit");
            byte[] chunk = new byte[n];
            b.get(chunk);
            out.write(chunk, 0, n);
            yield n;
          }
          case "endStream" -> {
            ended[0] = true;
            yield null;
          }
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "CordonBodyReader";
          default -> null;
        });
    // An in-memory producer writes everything in a call or a few; one that makes no progress is not read.
    for (int round = 0; round < 10_000 && !ended[0]; round++) {
      int before = out.size();
      try {
        ApacheApi.call(api.produce, entity, channel);
      } catch (java.io.UncheckedIOException tooLarge) {
        return null;
      }
      if (!ended[0] && out.size() == before && round > 8) return null;
    }
    return ended[0] ? out.toByteArray() : null;
  }

  /** The application's response consumer, reading the response through the call's readers. */
  private static Object watch(Api api, Object consumer, AiCall call, Object request, Object savedHeaders) {
    Watch w = new Watch(api, consumer, call, request, savedHeaders);
    return Proxy.newProxyInstance(api.responseConsumer.getClassLoader(), new Class<?>[] {api.responseConsumer},
        (proxy, m, args) -> switch (m.getName()) {
          case "consumeResponse" -> w.consumeResponse(m, args);
          case "consume" -> w.consume(m, (ByteBuffer) args[0]);
          case "streamEnd" -> w.streamEnd(m, args);
          case "failed" -> {
            w.failed((Exception) args[0]);
            yield invoke(m, consumer, args);
          }
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "CordonWatchedConsumer(" + consumer + ")";
          default -> invoke(m, consumer, args);
        });
  }

  /** One response as it arrives on the client's I/O thread. */
  private static final class Watch {
    private final Api api;
    private final Object consumer;
    private final AiCall call;
    private final Object request;
    private final Object savedHeaders;
    private int status;
    private ResponseWatch watch;
    private SseToolGate gate;
    private ByteArrayOutputStream held;
    /** Output redaction, or null when the rule asks for none. */
    private OutputRewrite rewrite;
    private volatile CordonAccessDeniedException denied;

    Watch(Api api, Object consumer, AiCall call, Object request, Object savedHeaders) {
      this.api = api;
      this.consumer = consumer;
      this.call = call;
      this.request = request;
      this.savedHeaders = savedHeaders;
    }

    Object consumeResponse(Method m, Object[] args) throws Throwable {
      restore(request, savedHeaders);
      status = (Integer) ApacheApi.call(api.responseCode, args[0]);
      Object details = args[1];
      String type = details == null ? null : (String) ApacheApi.call(api.entityType, details);
      boolean sse = call.streaming() || (type != null && type.contains("event-stream"));
      watch = new ResponseWatch(sse, u -> call.completed(status, u));
      if (call.checksToolCalls() && !sse) held = new ByteArrayOutputStream();
      else if (sse && call.limitsTools()) gate = new SseToolGate(call);
      if (details != null) {
        rewrite = call.outputRewrite(sse, type, (String) ApacheApi.call(api.entityEncoding, details));
        if (rewrite != null && rewrite.changesBody()) {
          // The consumer gets the redacted body, whose length is not the provider's.
          ApacheApi.of(request).removeHeaders(args[0], "Content-Length");
          details = withoutLength(details);
        }
      }
      Object callback = args[3];
      Object wrapped = Proxy.newProxyInstance(api.futureCallback.getClassLoader(), new Class<?>[] {api.futureCallback},
          (proxy, cm, cargs) -> switch (cm.getName()) {
            case "completed" -> {
              CordonAccessDeniedException d = denied;
              if (d != null) yield invoke(api.futureCallback.getMethod("failed", Exception.class), callback, new Object[] {d});
              yield invoke(cm, callback, cargs);
            }
            case "failed" -> {
              call.failed((Throwable) cargs[0]);
              yield invoke(cm, callback, cargs);
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == cargs[0];
            case "toString" -> "CordonCallback(" + callback + ")";
            default -> invoke(cm, callback, cargs);
          });
      if (details == null) watch.finish();
      return invoke(m, consumer, new Object[] {args[0], details, args[2], wrapped});
    }

    Object consume(Method m, ByteBuffer src) throws Throwable {
      if (held != null) {
        byte[] chunk = new byte[src.remaining()];
        src.get(chunk);
        held.write(chunk, 0, chunk.length);
        return null;
      }
      if (gate != null || rewrite != null) {
        byte[] chunk = new byte[src.remaining()];
        src.get(chunk);
        byte[] out = gate == null ? chunk : gate.accept(chunk, 0, chunk.length);
        watch.accept(out, 0, out.length);
        if (rewrite != null) {
          byte[] redacted = rewrite.pass(out, 0, out.length);
          if (rewrite.changesBody()) out = redacted;
        }
        return out.length == 0 ? null : invoke(m, consumer, new Object[] {ByteBuffer.wrap(out)});
      }
      watch.accept(src);
      return invoke(m, consumer, new Object[] {src});
    }

    Object streamEnd(Method m, Object[] args) throws Throwable {
      Method consume = api.responseConsumer.getMethod("consume", ByteBuffer.class);
      if (held != null) {
        byte[] bytes = held.toByteArray();
        CordonAccessDeniedException deny = call.checkToolCalls(bytes);
        // Redacted before the entry is written, so that it counts the output's redactions; a
        // failure is audited and the call's entry written by the rewrite.
        byte[] out = deny == null && rewrite != null ? rewrite.whole(bytes) : bytes;
        call.completed(status, UsageReader.find(bytes, 0, bytes.length));
        // A denied answer never reaches the application's consumer: it completes empty, and the
        // wrapped callback turns that completion into the deny.
        if (deny != null) denied = deny;
        else invoke(consume, consumer, new Object[] {ByteBuffer.wrap(out)});
      } else {
        byte[] rest = gate == null ? new byte[0] : gate.finish();
        watch.accept(rest, 0, rest.length);
        if (rewrite != null) {
          byte[] redacted = ByteArrays.concat(rewrite.pass(rest, 0, rest.length), rewrite.end());
          if (rewrite.changesBody()) rest = redacted;
        }
        if (rest.length > 0) invoke(consume, consumer, new Object[] {ByteBuffer.wrap(rest)});
        watch.finish();
      }
      return invoke(m, consumer, args);
    }

    void failed(Exception e) {
      restore(request, savedHeaders);
      call.failed(e);
    }

    /** The response's entity details as the consumer must see them: of unknown length. */
    private Object withoutLength(Object details) {
      Class<?> type = api.entityType.getDeclaringClass();
      return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> switch (m.getName()) {
        case "getContentLength" -> -1L;
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        case "toString" -> "CordonRedactedEntity(" + details + ")";
        default -> invoke(m, details, args);
      });
    }
  }


  private static Object construct(Constructor<?> c, Object... args) {
    try {
      return c.newInstance(args);
    } catch (InvocationTargetException e) {
      throw ApacheApi.rethrow(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Method twin(Method m, Object target) throws NoSuchMethodException {
    return target.getClass().getMethod(m.getName(), m.getParameterTypes());
  }

  private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
