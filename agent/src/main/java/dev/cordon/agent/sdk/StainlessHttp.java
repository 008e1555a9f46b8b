package dev.cordon.agent.sdk;

import dev.cordon.agent.credentials.ScopedKey;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * The HTTP types shared by the Stainless-generated Java SDKs (openai-java {@code com.openai.core.http},
 * anthropic-java {@code com.anthropic.core.http}: same shapes, different packages): reads a prepared
 * {@code HttpRequest} and builds a copy with another body. One instance per SDK class loader and
 * package, found from the request's class.
 */
final class StainlessHttp {
  private static final ClassValue<StainlessHttp> BY_REQUEST_CLASS = new ClassValue<>() {
    @Override
    protected StainlessHttp computeValue(Class<?> type) {
      return new StainlessHttp(type);
    }
  };

  static StainlessHttp of(Object request) {
    return BY_REQUEST_CLASS.get(request.getClass());
  }

  private final Method method;
  private final Method baseUrl;
  private final Method pathSegments;
  private final Method body;
  private final Method toBuilder;
  private final Method builderBody;
  private final Method builderBuild;
  private final Method builderReplaceHeaders;
  private final Method builderRemoveHeaders;
  private final Class<?> bodyType;
  private final Class<?> responseType;
  private final Method bodyWriteTo;
  private final Method bodyContentType;
  private final Method bodyContentLength;
  private final Method responseStatusCode;

  private StainlessHttp(Class<?> requestType) {
    String pkg = requestType.getPackageName();
    ClassLoader loader = requestType.getClassLoader();
    try {
      bodyType = Class.forName(pkg + ".HttpRequestBody", false, loader);
      responseType = Class.forName(pkg + ".HttpResponse", false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("unsupported SDK layout around " + requestType.getName(), e);
    }
    method = Reflect.method(requestType, "method", 0);
    // openai-java 2.x names the base URL url(); later versions baseUrl().
    baseUrl = Reflect.hasMethod(requestType, "baseUrl", 0) ? Reflect.method(requestType, "baseUrl", 0)
        : Reflect.method(requestType, "url", 0);
    pathSegments = Reflect.method(requestType, "pathSegments", 0);
    body = Reflect.method(requestType, "body", 0);
    toBuilder = Reflect.method(requestType, "toBuilder", 0);
    Class<?> builderType = toBuilder.getReturnType();
    builderBody = Reflect.method(builderType, "body", bodyType);
    builderBuild = Reflect.method(builderType, "build", 0);
    builderReplaceHeaders = Reflect.method(builderType, "replaceHeaders", String.class, String.class);
    builderRemoveHeaders = Reflect.method(builderType, "removeHeaders", String.class);
    bodyWriteTo = Reflect.method(bodyType, "writeTo", OutputStream.class);
    bodyContentType = Reflect.method(bodyType, "contentType", 0);
    bodyContentLength = Reflect.method(bodyType, "contentLength", 0);
    responseStatusCode = Reflect.method(responseType, "statusCode", 0);
  }

  String method(Object request) {
    return String.valueOf(Reflect.call(method, request));
  }

  String baseUrl(Object request) {
    return (String) Reflect.call(baseUrl, request);
  }

  /** openai-java 2.x fills the request URL only after {@code prepare}: the client options hold it. */
  static String clientBaseUrl(Object clientOptions) {
    if (clientOptions == null) throw new IllegalStateException("no base URL on the request or the client");
    return (String) Reflect.call(Reflect.method(clientOptions.getClass(), "baseUrl", 0), clientOptions);
  }

  String path(Object request) {
    StringBuilder sb = new StringBuilder();
    for (Object seg : (List<?>) Reflect.call(pathSegments, request)) sb.append('/').append(seg);
    return sb.toString();
  }

  /**
   * The JSON body: its bytes and content type, or null when there is none or it is not JSON
   * (multipart uploads are not read here).
   */
  JsonBody jsonBody(Object request) {
    Object b = Reflect.call(body, request);
    // anthropic-java 3.x (and newer Stainless SDKs) answer Optional<HttpRequestBody>.
    if (b instanceof java.util.Optional<?> o) b = o.orElse(null);
    if (b == null) return null;
    Object type = Reflect.call(bodyContentType, b);
    if (type == null || !type.toString().contains("json")) return null;
    // The SDK's JSON body serialises once and keeps its bytes (a Kotlin lazy): its length is the
    // exact size to write into, and the same bytes go out when the SDK sends that body itself.
    long length = (Long) Reflect.call(bodyContentLength, b);
    ExactBytes out = new ExactBytes(length);
    Reflect.call(bodyWriteTo, b, out);
    return new JsonBody(out.bytes(), type.toString(), keepsItsBytes(b) ? b : null);
  }

  /**
   * A request body as the SDK serialised it. {@code original} is the SDK's own body object when
   * sending it again writes these very bytes (it serialised once and kept them), else null: only
   * then may the request go out with it instead of a copy of the bytes that were decided.
   */
  record JsonBody(byte[] bytes, String contentType, Object original) {
    JsonBody(byte[] bytes, String contentType) {
      this(bytes, contentType, null);
    }
  }

  /**
   * Whether this body object writes the bytes it wrote the first time, every time: the Stainless
   * SDKs' JSON body keeps what its first write serialised in a Kotlin lazy ({@code bytes$delegate}).
   * Anything else (another body type, a future SDK that serialises per write) is replaced by a
   * copy of the decided bytes, so what was decided is what is sent.
   */
  private static final ClassValue<Boolean> KEEPS_BYTES = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      try {
        return "kotlin.Lazy".equals(type.getDeclaredField("bytes$delegate").getType().getName())
            && java.lang.reflect.Modifier.isFinal(type.getDeclaredField("bytes$delegate").getModifiers())
            && java.lang.reflect.Modifier.isFinal(type.getModifiers());
      } catch (NoSuchFieldException e) {
        return false;
      }
    }
  };

  private static boolean keepsItsBytes(Object body) {
    return KEEPS_BYTES.get(body.getClass());
  }

  /** An output stream into an array of the announced size (no copy at the end when the size was right). */
  private static final class ExactBytes extends OutputStream {
    private byte[] buf;
    private int count;

    ExactBytes(long expected) {
      buf = new byte[expected > 0 && expected <= Integer.MAX_VALUE - 8 ? (int) expected : 1024];
    }

    @Override
    public void write(int b) {
      ensure(1);
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      ensure(len);
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    private void ensure(int more) {
      if (count + more > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
    }

    byte[] bytes() {
      return count == buf.length ? buf : java.util.Arrays.copyOf(buf, count);
    }
  }

  /**
   * A copy of {@code request} with the given changes, built in one pass through the SDK's builder.
   * A non-null {@code body} that is not the SDK's own ({@link JsonBody#original}) replaces the
   * SDK's body with those bytes (a rewritten body, or a body type that might serialise again
   * differently); the SDK's own caching body stays, sparing a proxy on every write. {@code key} replaces the
   * application's credential; {@code headerName} is set to {@code headerValue} when not null.
   */
  Object rebuilt(Object request, JsonBody body, ScopedKey key, String headerName, String headerValue) {
    Object builder = Reflect.call(toBuilder, request);
    // The SDK's own body, when it resends the decided bytes, is already on the request.
    if (body != null && body.original() == null) Reflect.call(builderBody, builder, bytesBody(body));
    if (key != null) {
      for (String h : ScopedKey.AUTH_HEADERS) Reflect.call(builderRemoveHeaders, builder, h);
      Reflect.call(builderReplaceHeaders, builder, key.header(), key.value());
    }
    if (headerName != null) Reflect.call(builderReplaceHeaders, builder, headerName, headerValue);
    return Reflect.call(builderBuild, builder);
  }

  /** The SDK's HttpRequestBody interface over fixed bytes, repeatable (retries resend it). */
  private Object bytesBody(JsonBody body) {
    byte[] json = body.bytes();
    String type = body.contentType();
    return Proxy.newProxyInstance(bodyType.getClassLoader(), new Class<?>[] {bodyType},
        (proxy, m, args) -> switch (m.getName()) {
          case "writeTo" -> {
            ((OutputStream) args[0]).write(json);
            yield null;
          }
          case "contentType" -> type;
          case "contentLength" -> (long) json.length;
          case "repeatable" -> true;
          case "close" -> null;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "CordonJsonBody(" + json.length + " bytes)";
          default -> throw new UnsupportedOperationException(m.getName());
        });
  }

  Class<?> responseType() {
    return responseType;
  }

  /**
   * A proxy implementing the SDK's response interface. The proxy class's constructor is looked up
   * once: {@code Proxy.newProxyInstance} resolves the class and checks its caller on every call.
   */
  Object responseProxy(java.lang.reflect.InvocationHandler handler) {
    java.lang.reflect.Constructor<?> c = responseProxyConstructor;
    try {
      if (c == null) {
        c = Proxy.newProxyInstance(responseType.getClassLoader(), new Class<?>[] {responseType}, handler).getClass()
            .getConstructor(java.lang.reflect.InvocationHandler.class);
        c.trySetAccessible();
        responseProxyConstructor = c;
      }
      return c.newInstance(handler);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build a view of " + responseType.getName(), e);
    }
  }

  private volatile java.lang.reflect.Constructor<?> responseProxyConstructor;

  int statusCode(Object response) {
    return (Integer) Reflect.call(responseStatusCode, response);
  }
}
