package dev.cordon.agent.sdk;

import dev.cordon.agent.ai.AiCall;
import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.ai.AiTarget;
import dev.cordon.agent.ai.UrlTarget;
import dev.cordon.agent.ai.Usage;
import dev.cordon.agent.ai.UsageReader;
import dev.cordon.agent.transport.GovernedCalls;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * Governs Spring AI 1.x's {@code OpenAiApi}: its request record is written to JSON with Spring AI's
 * own mapper ({@code ModelOptionsUtils}, the one its RestClient/WebClient use), decided against the
 * API's base URL and path, and, when the decision sets a cap, read back into a new record. Usage
 * comes from the response entity's body, or from the chunks of the returned {@code Flux} as they
 * pass (when the app asked for stream usage).
 */
public final class SpringAiHooks {
  private final AiGovernor governor;
  private final Map<Object, AiCall> inFlight = Collections.synchronizedMap(new WeakHashMap<>());
  /** The endpoint of each call whose transport marker the funnel set (no scoped key): streams carry it to their subscription. */
  private final Map<Object, AiTarget> streamTargets = Collections.synchronizedMap(new WeakHashMap<>());

  public SpringAiHooks(AiGovernor governor) {
    this.governor = governor;
  }

  public static boolean owns(Object request) {
    return request.getClass().getName().startsWith("org.springframework.ai.");
  }

  /** Spring AI's JSON mapper and the API object's package-private URL getters, per class loader. */
  private static final class Api {
    final Method toJson;
    final Object mapper;
    final Method readValue;
    final Method baseUrl;
    final Method completionsPath;
    final Method embeddingsPath;

    Api(Class<?> apiType) throws ReflectiveOperationException {
      Class<?> utils = Class.forName("org.springframework.ai.model.ModelOptionsUtils", false, apiType.getClassLoader());
      toJson = Reflect.method(utils, "toJsonString", Object.class);
      mapper = utils.getField("OBJECT_MAPPER").get(null);
      readValue = Reflect.method(mapper.getClass(), "readValue", String.class, Class.class);
      baseUrl = declared(apiType, "getBaseUrl");
      completionsPath = declared(apiType, "getCompletionsPath");
      embeddingsPath = declared(apiType, "getEmbeddingsPath");
    }

    private static Method declared(Class<?> type, String name) throws NoSuchMethodException {
      Method m = type.getDeclaredMethod(name);
      m.setAccessible(true);
      return m;
    }
  }

  private static final ClassValue<Api> APIS = new ClassValue<>() {
    @Override
    protected Api computeValue(Class<?> type) {
      try {
        return new Api(type);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("unsupported Spring AI layout", e);
      }
    }
  };

  private static Class<?> apiClass(Object api) {
    Class<?> c = api.getClass();
    while (c != null && !c.getName().equals("org.springframework.ai.openai.api.OpenAiApi")) c = c.getSuperclass();
    if (c == null) throw new IllegalStateException("not an OpenAiApi: " + api.getClass().getName());
    return c;
  }

  public Object prepared(Object request, Object api) throws IOException {
    Api a = APIS.get(apiClass(api));
    boolean embed = request.getClass().getSimpleName().startsWith("Embedding");
    String path = (String) Reflect.call(embed ? a.embeddingsPath : a.completionsPath, api);
    AiTarget target = UrlTarget.of(join((String) Reflect.call(a.baseUrl, api), path), "POST");
    if (target.action() == null) return request;
    String json = (String) Reflect.call(a.toJson, null, request);
    AiGovernor.Result result = governor.govern(target, json.getBytes(StandardCharsets.UTF_8));
    // A scoped key (spec 7) is not put on the request here: the transport below (RestClient's JDK
    // client, the AWS SDK's URL-connection client) puts it there, and so decides and audits it too.
    if (result.key() == null) Funnels.governed(target);
    Object toSend = result.body() == null ? request
        : Reflect.call(a.readValue, a.mapper, new String(result.body(), StandardCharsets.UTF_8), request.getClass());
    if (result.call() != null) inFlight.put(toSend, result.call());
    if (result.call() != null && result.key() == null) streamTargets.put(toSend, target);
    return toSend;
  }

  private static String join(String base, String path) {
    if (base.endsWith("/") && path.startsWith("/")) return base + path.substring(1);
    if (!base.endsWith("/") && !path.startsWith("/")) return base + "/" + path;
    return base + path;
  }

  public Object response(Object request, Object response, Throwable thrown) {
    AiCall call = inFlight.remove(request);
    AiTarget target = streamTargets.remove(request);
    if (call == null) return response;
    if (thrown != null || response == null) {
      call.failed(thrown != null ? thrown : new IllegalStateException("no response"));
      return response;
    }
    Api a = APIS.get(apiTypeFrom(request));
    if (response.getClass().getName().startsWith("reactor.core.publisher.")) return tapFlux(a, call, target, response);
    Object body = Reflect.call(Reflect.method(response.getClass(), "getBody", 0), response);
    Object code = Reflect.call(Reflect.method(response.getClass(), "getStatusCode", 0), response);
    int status = (Integer) Reflect.call(Reflect.method(code.getClass(), "value", 0), code);
    if (body == null) {
      call.completed(status, Usage.NONE);
      return response;
    }
    // The answer as the provider's JSON (Spring AI's own mapper wrote and reads it): tool calls
    // checked, output redacted, usage read; read back into a new record only if redaction changed it.
    byte[] json = ((String) Reflect.call(a.toJson, null, body)).getBytes(StandardCharsets.UTF_8);
    byte[] out = ResponseBodies.governedBytes(call, json, status);
    if (java.util.Arrays.equals(out, json)) return response;
    Object newBody = Reflect.call(a.readValue, a.mapper, new String(out, StandardCharsets.UTF_8), body.getClass());
    Object headers = Reflect.call(Reflect.method(response.getClass(), "getHeaders", 0), response);
    for (java.lang.reflect.Constructor<?> c : response.getClass().getConstructors()) {
      Class<?>[] p = c.getParameterTypes();
      if (p.length == 3 && p[0] == Object.class && p[2].isInstance(code) && p[1].isInstance(headers)) {
        try {
          return c.newInstance(newBody, headers, code);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot rebuild the response entity", e);
        }
      }
    }
    throw new IllegalStateException("no ResponseEntity(body, headers, status) constructor");
  }

  private static Class<?> apiTypeFrom(Object request) {
    // The request records are nested in OpenAiApi.
    Class<?> c = request.getClass();
    while (c.getEnclosingClass() != null) c = c.getEnclosingClass();
    return c;
  }

  private static Usage usageOf(Api a, Object body) {
    if (body == null) return Usage.NONE;
    if (!(body instanceof Map) && Reflect.hasMethod(body.getClass(), "usage", 0)) {
      // Only the usage record is written out, not the whole answer.
      Object u = Reflect.call(Reflect.method(body.getClass(), "usage", 0), body);
      if (u == null) return Usage.NONE;
      body = Collections.singletonMap("usage", u);
    }
    byte[] json = ((String) Reflect.call(a.toJson, null, body)).getBytes(StandardCharsets.UTF_8);
    return UsageReader.find(json, 0, json.length);
  }

  /** The same Flux, observed: chunks that carry usage are read, and the call ends with the stream. */
  private static Object tapFlux(Api a, AiCall call, AiTarget target, Object flux) {
    Usage[] usage = {null};
    Consumer<Object> onNext = chunk -> {
      try {
        Object u = Reflect.call(Reflect.method(chunk.getClass(), "usage", 0), chunk);
        if (u != null) {
          Usage found = usageOf(a, Collections.singletonMap("usage", u));
          if (found.known()) usage[0] = UsageReader.merge(usage[0], found);
        }
      } catch (RuntimeException e) {
        // Usage is best effort; the stream flows on untouched.
      }
    };
    Runnable onComplete = () -> call.completed(200, usage[0] == null ? Usage.NONE : usage[0]);
    Consumer<Throwable> onError = call::failed;
    Object f = Reflect.call(Reflect.method(flux.getClass(), "doOnNext", Consumer.class), flux, onNext);
    f = Reflect.call(Reflect.method(f.getClass(), "doOnComplete", Runnable.class), f, onComplete);
    f = Reflect.call(Reflect.method(f.getClass(), "doOnError", Consumer.class), f, onError);
    f = Reflect.call(Reflect.method(f.getClass(), "doOnCancel", Runnable.class), f, onComplete);
    if (target == null) return f;
    // WebClient builds the Reactor Netty request while the Flux is subscribed, on the subscribing
    // thread (some operators on the way signal onSubscribe before subscribing upstream, so the
    // window cannot be closed there): a one-shot marker, taken by the first Reactor Netty request
    // to this endpoint built on that thread, and void once the stream ends.
    GovernedCalls.Pending[] pending = new GovernedCalls.Pending[1];
    Runnable first = () -> pending[0] = GovernedCalls.pendingSubscription(target, call);
    Consumer<Object> done = signal -> {
      GovernedCalls.Pending p = pending[0];
      if (p != null) p.close();
    };
    f = Reflect.call(Reflect.method(f.getClass(), "doFinally", Consumer.class), f, done);
    return Reflect.call(Reflect.method(f.getClass(), "doFirst", Runnable.class), f, first);
  }
}
