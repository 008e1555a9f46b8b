package dev.cordon.agent.sdk;

import dev.cordon.agent.ai.AiCall;
import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.ai.AiTarget;
import dev.cordon.agent.ai.ByteUsage;
import dev.cordon.agent.ai.UrlTarget;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Governs Amazon Bedrock Runtime through the AWS SDK v2's interceptor chain: the marshalled JSON
 * request (the Converse format, or the model family's InvokeModel body) is decided before it is
 * signed, and may be replaced; the response body (JSON, or an AWS event stream for the streaming
 * operations) reports usage as the SDK reads it, from an InputStream (sync) or a publisher (async).
 * Other AWS services pass through untouched.
 */
public final class BedrockHooks {
  private static final String SERVICE_PACKAGE = "software.amazon.awssdk.services.bedrockruntime.";
  private static final String ATTRIBUTES = "software.amazon.awssdk.core.interceptor.ExecutionAttributes";

  private final AiGovernor governor;

  /**
   * The call travels in the execution's own attributes (ExecutionAttributes' equals and hashCode
   * follow its changing contents, so it cannot key a map): one attribute key per class loader.
   */
  private static final ClassValue<Object> CALL_KEY = new ClassValue<>() {
    @Override
    protected Object computeValue(Class<?> attributesType) {
      try {
        Class<?> key = Class.forName("software.amazon.awssdk.core.interceptor.ExecutionAttribute", false,
            attributesType.getClassLoader());
        return key.getConstructor(String.class).newInstance("CordonAiCall");
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  /** Marks a call whose response is already tapped or ended. */
  private static final Object DONE = new Object();

  private static Object attribute(Object attributes, String op, Object value) {
    Object key = CALL_KEY.get(attributes.getClass());
    for (Method m : attributes.getClass().getMethods()) {
      if (m.getName().equals(op) && m.getParameterCount() == (value == null ? 1 : 2)) {
        return value == null ? Reflect.call(m, attributes, key) : Reflect.call(m, attributes, key, value);
      }
    }
    throw new IllegalStateException("no ExecutionAttributes." + op);
  }

  public BedrockHooks(AiGovernor governor) {
    this.governor = governor;
  }

  public static boolean owns(Object requestOrAttributes) {
    return requestOrAttributes.getClass().getName().equals(ATTRIBUTES);
  }

  private static Object get(Object target, String getter) {
    return Reflect.call(Reflect.method(target.getClass(), getter, 0), target);
  }

  private static Object opt(Object target, String getter) {
    Object o = get(target, getter);
    return o instanceof Optional<?> op ? op.orElse(null) : o;
  }

  public Object prepared(Object context, Object attributes) throws IOException {
    Object sdkRequest = get(context, "request");
    if (sdkRequest == null || !sdkRequest.getClass().getName().startsWith(SERVICE_PACKAGE)) return context;
    Object http = get(context, "httpRequest");
    String scheme = (String) get(http, "protocol");
    String url = scheme + "://" + get(http, "host") + ":" + get(http, "port") + get(http, "encodedPath");
    AiTarget target = UrlTarget.of(url, String.valueOf(get(http, "method")));
    if (target.action() == null) return context;
    Object body = opt(context, "requestBody");
    byte[] json = null;
    if (body != null) {
      Object provider = get(body, "contentStreamProvider");
      try (InputStream in = (InputStream) get(provider, "newStream")) {
        json = in.readAllBytes();
      }
    }
    AiGovernor.Result result = governor.govern(target, json);
    // A scoped key (spec 7) is not put on the request here: the transport below (RestClient's JDK
    // client, the AWS SDK's URL-connection client) puts it there, and so decides and audits it too.
    if (result.key() == null) Funnels.governed(target);
    Object toSend = result.body() == null ? context : withBody(context, http, result.body());
    if (result.call() != null) attribute(attributes, "putAttribute", result.call());
    return toSend;
  }

  /** The context with this JSON body, for the sync and the async path alike, and a matching Content-Length. */
  private static Object withBody(Object context, Object http, byte[] json) {
    ClassLoader loader = context.getClass().getClassLoader();
    try {
      Class<?> requestBody = Class.forName("software.amazon.awssdk.core.sync.RequestBody", false, loader);
      Object newBody = Reflect.call(Reflect.method(requestBody, "fromBytes", byte[].class), null, (Object) json);
      Object httpBuilder = get(http, "toBuilder");
      Reflect.call(Reflect.method(httpBuilder.getClass(), "putHeader", String.class, String.class), httpBuilder,
          "Content-Length", Integer.toString(json.length));
      Object provider = get(newBody, "contentStreamProvider");
      for (Method m : httpBuilder.getClass().getMethods()) {
        if (m.getName().equals("contentStreamProvider") && m.getParameterCount() == 1) {
          m.setAccessible(true);
          m.invoke(httpBuilder, provider);
          break;
        }
      }
      Object newHttp = get(httpBuilder, "build");
      Object b = get(context, "toBuilder");
      invoke1(b, "requestBody", newBody);
      invoke1(b, "httpRequest", newHttp);
      if (opt(context, "asyncRequestBody") != null) {
        Class<?> asyncBody = Class.forName("software.amazon.awssdk.core.async.AsyncRequestBody", false, loader);
        invoke1(b, "asyncRequestBody", Reflect.call(Reflect.method(asyncBody, "fromBytes", byte[].class), null, (Object) json));
      }
      return get(b, "build");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot rewrite the Bedrock request body", e);
    }
  }

  private static void invoke1(Object target, String name, Object arg) {
    Reflect.call(Reflect.method(target.getClass(), name, 1), target, arg);
  }

  /** A response context (sync body or async publisher) or a failed execution, for the call of {@code attributes}. */
  public Object response(Object attributes, Object context) {
    if (!(attribute(attributes, "getAttribute", null) instanceof AiCall call) || context == null) return context;
    if (context.getClass().getName().endsWith("FailedExecutionContext") || hasMethod(context, "exception")) {
      attribute(attributes, "putAttribute", DONE);
      Object e = get(context, "exception");
      call.failed(e instanceof Throwable t ? t : new IllegalStateException("failed"));
      return context;
    }
    Object httpResponse = get(context, "httpResponse");
    int status = (Integer) get(httpResponse, "statusCode");
    Object type = Reflect.call(Reflect.method(httpResponse.getClass(), "firstMatchingHeader", String.class), httpResponse,
        "Content-Type");
    boolean eventStream = type instanceof Optional<?> o && o.isPresent() && o.get().toString().contains("eventstream");
    ByteUsage usage = new ByteUsage(eventStream);
    Object in = opt(context, "responseBody");
    Object publisher = opt(context, "responsePublisher");
    // The async path passes modifyHttpResponse (no body yet) before modifyAsyncHttpResponse (the publisher).
    if (in == null && publisher == null) return context;
    attribute(attributes, "putAttribute", DONE);
    Object b = get(context, "toBuilder");
    if (in instanceof InputStream stream) {
      invoke1(b, "responseBody", new dev.cordon.agent.ai.ObservedStream(stream) {
        @Override
        protected void seen(byte[] buf, int off, int len) {
          usage.feed(buf, off, len);
        }

        @Override
        protected void ended() {
          call.completed(status, usage.result());
        }
      });
    } else {
      invoke1(b, "responsePublisher", tapPublisher(publisher, usage, () -> call.completed(status, usage.result()), call));
    }
    return get(b, "build");
  }

  private static boolean hasMethod(Object o, String name) {
    return Reflect.hasMethod(o.getClass(), name, 0);
  }

  /** A reactive-streams publisher that passes every buffer on and feeds a copy to the usage reader. */
  private static Object tapPublisher(Object publisher, ByteUsage usage, Runnable onEnd, AiCall call) {
    Class<?> pub = find(publisher.getClass(), "org.reactivestreams.Publisher");
    Class<?> sub = loadFrom(pub, "org.reactivestreams.Subscriber");
    return Proxy.newProxyInstance(pub.getClassLoader(), new Class<?>[] {pub}, (proxy, m, args) -> {
      if (m.getName().equals("subscribe") && args != null && args.length == 1) {
        Object downstream = args[0];
        Object tapped = Proxy.newProxyInstance(sub.getClassLoader(), new Class<?>[] {sub}, (p2, m2, a2) -> {
          switch (m2.getName()) {
            case "onNext" -> {
              if (a2[0] instanceof ByteBuffer bb) usage.feed(bb);
            }
            case "onComplete" -> onEnd.run();
            case "onError" -> call.failed((Throwable) a2[0]);
            case "hashCode" -> {
              return System.identityHashCode(p2);
            }
            case "equals" -> {
              return p2 == a2[0];
            }
            case "toString" -> {
              return "CordonUsageSubscriber";
            }
            default -> { }
          }
          return invoke(m2, downstream, a2);
        });
        return invoke(m, publisher, new Object[] {tapped});
      }
      return switch (m.getName()) {
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        default -> invoke(m, publisher, args);
      };
    });
  }

  private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
    try {
      m.setAccessible(true);
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Class<?> loadFrom(Class<?> sibling, String name) {
    try {
      return Class.forName(name, false, sibling.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Class<?> find(Class<?> c, String name) {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      if (k.getName().equals(name)) return k;
      for (Class<?> i : k.getInterfaces()) {
        Class<?> f = find(i, name);
        if (f != null) return f;
      }
    }
    return null;
  }
}
