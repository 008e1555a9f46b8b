package dev.cordon.agent.transport;

import dev.cordon.agent.credentials.ScopedKey;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The public OkHttp 4/5 and Okio 2/3 API the agent uses, reached by reflection from the class of
 * the application's {@code okhttp3.Request} (the agent cannot link against the application's copy).
 * The accessors that run for every request are method handles typed to avoid boxing; the rest,
 * used for AI traffic only, are plain reflective calls. The names are the same in 4.x and 5.x.
 */
final class OkHttpApi {
  private static final ClassValue<OkHttpApi> BY_REQUEST_CLASS = new ClassValue<>() {
    @Override
    protected OkHttpApi computeValue(Class<?> type) {
      return new OkHttpApi(type);
    }
  };

  static OkHttpApi of(Object request) {
    return BY_REQUEST_CLASS.get(request.getClass());
  }

  private final MethodHandle url;
  private final MethodHandle scheme;
  private final MethodHandle host;
  private final MethodHandle port;
  private final MethodHandle method;
  private final MethodHandle header;
  private final Method body;
  private final Method newBuilder;
  private final Method builderRemoveHeader;
  private final Method builderHeader;
  private final Method builderMethod;
  private final Method builderBuild;
  private final Method contentLength;
  private final Method contentType;
  private final Method oneShot;
  private final Method duplex;
  private final Method writeTo;
  private final Method createRequestBody;
  private final Class<?> bufferType;
  private final Method bufferReadByteArray;
  private final Method bufferSize;
  private final Method bufferWrite;
  private final java.lang.reflect.Constructor<?> bufferConstructor;
  private final Method responseBody;
  private final Method responseCode;
  private final Method responseHeader;
  private final Method responseNewBuilder;
  private final Method responseBuilderBody;
  private final Method responseBuilderBuild;
  private final Method responseBuilderRequest;
  private final Method responseBuilderRemoveHeader;
  private final Method bodySource;
  private final Method bodyContentType;
  private final Method bodyContentLength;
  private final Method okioBuffer;
  private final Method createResponseBody;
  private final Method createResponseBodyBytes;
  private final Method bodyBytes;
  private final Class<?> sourceType;

  private OkHttpApi(Class<?> requestType) {
    try {
      ClassLoader l = requestType.getClassLoader();
      Class<?> urlType = Class.forName("okhttp3.HttpUrl", false, l);
      Class<?> requestBodyType = Class.forName("okhttp3.RequestBody", false, l);
      Class<?> mediaType = Class.forName("okhttp3.MediaType", false, l);
      Class<?> responseType = Class.forName("okhttp3.Response", false, l);
      Class<?> responseBodyType = Class.forName("okhttp3.ResponseBody", false, l);
      bufferType = Class.forName("okio.Buffer", false, l);
      Class<?> sinkType = Class.forName("okio.BufferedSink", false, l);
      Class<?> bufferedSourceType = Class.forName("okio.BufferedSource", false, l);
      sourceType = Class.forName("okio.Source", false, l);
      Class<?> okio = Class.forName("okio.Okio", false, l);

      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      url = lookup.unreflect(requestType.getMethod("url")).asType(MethodType.methodType(Object.class, Object.class));
      method = lookup.unreflect(requestType.getMethod("method")).asType(MethodType.methodType(String.class, Object.class));
      scheme = lookup.unreflect(urlType.getMethod("scheme")).asType(MethodType.methodType(String.class, Object.class));
      host = lookup.unreflect(urlType.getMethod("host")).asType(MethodType.methodType(String.class, Object.class));
      port = lookup.unreflect(urlType.getMethod("port")).asType(MethodType.methodType(int.class, Object.class));

      // Read on every request an SDK hook marked (its governed-call token): a typed handle, not a reflective call.
      header = lookup.unreflect(requestType.getMethod("header", String.class))
          .asType(MethodType.methodType(String.class, Object.class, String.class));
      body = requestType.getMethod("body");
      newBuilder = requestType.getMethod("newBuilder");
      Class<?> builderType = newBuilder.getReturnType();
      builderRemoveHeader = builderType.getMethod("removeHeader", String.class);
      builderHeader = builderType.getMethod("header", String.class, String.class);
      builderMethod = builderType.getMethod("method", String.class, requestBodyType);
      builderBuild = builderType.getMethod("build");
      contentLength = requestBodyType.getMethod("contentLength");
      contentType = requestBodyType.getMethod("contentType");
      oneShot = requestBodyType.getMethod("isOneShot");
      duplex = requestBodyType.getMethod("isDuplex");
      writeTo = requestBodyType.getMethod("writeTo", sinkType);
      createRequestBody = requestBodyType.getMethod("create", byte[].class, mediaType);
      bufferReadByteArray = bufferType.getMethod("readByteArray");
      bufferSize = bufferType.getMethod("size");
      bufferWrite = bufferType.getMethod("write", byte[].class);
      bufferConstructor = bufferType.getConstructor();

      responseBody = responseType.getMethod("body");
      responseCode = responseType.getMethod("code");
      responseHeader = responseType.getMethod("header", String.class);
      responseNewBuilder = responseType.getMethod("newBuilder");
      responseBuilderBody = responseNewBuilder.getReturnType().getMethod("body", responseBodyType);
      responseBuilderBuild = responseNewBuilder.getReturnType().getMethod("build");
      responseBuilderRequest = responseNewBuilder.getReturnType().getMethod("request", requestType);
      responseBuilderRemoveHeader = responseNewBuilder.getReturnType().getMethod("removeHeader", String.class);
      bodySource = responseBodyType.getMethod("source");
      bodyContentType = responseBodyType.getMethod("contentType");
      bodyContentLength = responseBodyType.getMethod("contentLength");
      okioBuffer = okio.getMethod("buffer", sourceType);
      createResponseBody = responseBodyType.getMethod("create", bufferedSourceType, mediaType, long.class);
      createResponseBodyBytes = responseBodyType.getMethod("create", byte[].class, mediaType);
      bodyBytes = responseBodyType.getMethod("bytes");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("unsupported OkHttp/Okio version around " + requestType.getName(), e);
    }
    skipAccessChecks();
  }

  /**
   * Every method here is public on a public OkHttp/Okio type; a reflective call on a Method not
   * marked accessible looks up its caller's class (a walk into the VM) on every invocation.
   */
  private void skipAccessChecks() {
    for (java.lang.reflect.Field f : OkHttpApi.class.getDeclaredFields()) {
      if (f.getType() != Method.class) continue;
      try {
        ((Method) f.get(this)).trySetAccessible();
      } catch (IllegalAccessException e) {
        // Our own field: cannot happen; the call then keeps its access check.
      }
    }
  }

  // --- Every request: no boxing, no allocation.

  Object url(Object request) {
    try {
      return (Object) url.invokeExact(request);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  String method(Object request) {
    try {
      return (String) method.invokeExact(request);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  String scheme(Object url) {
    try {
      return (String) scheme.invokeExact(url);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  String host(Object url) {
    try {
      return (String) host.invokeExact(url);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  int port(Object url) {
    try {
      return (int) port.invokeExact(url);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  // --- AI traffic only.

  String header(Object request, String name) {
    try {
      return (String) header.invokeExact(request, name);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** The request's body object (compared by identity: interceptors that only add headers keep it). */
  Object bodyObject(Object request) {
    return call(body, request);
  }

  /** The body bytes, or null when there is none that can be read without consuming it (one-shot, duplex, too large). */
  byte[] readBody(Object request, int max) {
    Object b = call(body, request);
    if (b == null) return new byte[0];
    if ((Boolean) call(oneShot, b) || (Boolean) call(duplex, b)) return null;
    long len = (Long) call(contentLength, b);
    if (len > max) return null;
    Object buffer = newBuffer();
    call(writeTo, b, buffer);
    if ((Long) call(bufferSize, buffer) > max) return null;
    return (byte[]) call(bufferReadByteArray, buffer);
  }

  /**
   * A copy of the request without {@code dropHeader}, with {@code newBody} (same content type) and the
   * scoped key in place of the application's own when given.
   */
  Object rebuild(Object request, String dropHeader, byte[] newBody, ScopedKey key) {
    Object builder = call(newBuilder, request);
    if (dropHeader != null) call(builderRemoveHeader, builder, dropHeader);
    if (key != null) {
      for (String h : ScopedKey.AUTH_HEADERS) call(builderRemoveHeader, builder, h);
      call(builderHeader, builder, key.header(), key.value());
    }
    if (newBody != null) {
      Object old = call(body, request);
      Object type = old == null ? null : call(contentType, old);
      call(builderMethod, builder, method(request), call(createRequestBody, null, newBody, type));
    }
    return call(builderBuild, builder);
  }

  int responseCode(Object response) {
    return (Integer) call(responseCode, response);
  }

  String responseHeader(Object response, String name) {
    return (String) call(responseHeader, response, name);
  }

  /** The response reporting {@code request} as its request. */
  Object withRequest(Object response, Object request) {
    Object builder = call(responseNewBuilder, response);
    call(responseBuilderRequest, builder, request);
    return call(responseBuilderBuild, builder);
  }

  /** Reads the whole response body (and closes it). */
  byte[] readBody(Object response) {
    Object b = call(responseBody, response);
    return b == null ? new byte[0] : (byte[]) call(bodyBytes, b);
  }

  /**
   * The response with this body (same content type) in place of its own, which is closed; without
   * the provider's Content-Length header when the body is not the provider's.
   */
  Object withBody(Object response, byte[] bytes, boolean dropLength) {
    Object b = call(responseBody, response);
    Object type = b == null ? null : call(bodyContentType, b);
    Object builder = call(responseNewBuilder, response);
    if (dropLength) call(responseBuilderRemoveHeader, builder, "Content-Length");
    call(responseBuilderBody, builder, call(createResponseBodyBytes, null, bytes, type));
    return call(responseBuilderBuild, builder);
  }

  /**
   * The response with its body read through {@code tap}: every chunk read from the network goes to
   * {@link BodyTap#pass}, and the application gets what that returns (the same bytes, or fewer while
   * a line is held back for checking; a deny thrown there reaches the application's read).
   */
  Object watchBody(Object response, BodyTap tap, boolean dropLength) {
    Object b = call(responseBody, response);
    if (b == null) {
      try {
        tap.end();
      } catch (java.io.IOException nothingToRedact) {
        // No body: nothing was withheld.
      }
      return response;
    }
    Object source = call(bodySource, b);
    boolean[] ended = new boolean[1];
    Object watched = Proxy.newProxyInstance(sourceType.getClassLoader(), new Class<?>[] {sourceType},
        (proxy, m, args) -> switch (m.getName()) {
          case "read" -> {
            while (true) {
              if (ended[0]) yield -1L;
              Object chunkBuffer = newBuffer();
              long n = (Long) invoke(m, source, new Object[] {chunkBuffer, args[1]});
              byte[] out;
              if (n < 0) {
                ended[0] = true;
                out = tap.end();
                if (out.length == 0) yield -1L;
              } else {
                out = tap.pass((byte[]) call(bufferReadByteArray, chunkBuffer));
                if (out.length == 0) continue;
              }
              call(bufferWrite, args[0], (Object) out);
              yield (long) out.length;
            }
          }
          case "close" -> {
            try {
              yield invoke(m, source, args);
            } finally {
              tap.closed();
            }
          }
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "CordonWatchedSource(" + source + ")";
          default -> invoke(m, source, args);
        });
    // A body whose length changes must not announce the provider's (ResponseBody.bytes() and
    // string() compare the two and fail).
    Object newBody = call(createResponseBody, null, call(okioBuffer, null, watched), call(bodyContentType, b),
        dropLength ? -1L : call(bodyContentLength, b));
    Object builder = call(responseNewBuilder, response);
    if (dropLength) call(responseBuilderRemoveHeader, builder, "Content-Length");
    call(responseBuilderBody, builder, newBody);
    return call(responseBuilderBuild, builder);
  }

  /** What {@link #watchBody} reads the body through. */
  interface BodyTap {
    /** The bytes just read; returns the bytes to hand on now (may hold some back, may throw the deny). */
    byte[] pass(byte[] chunk) throws java.io.IOException;

    /** End of body: returns what is still held back. */
    byte[] end() throws java.io.IOException;

    /** The application closed the body (possibly before its end). */
    void closed();
  }

  private Object newBuffer() {
    try {
      return bufferConstructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object call(Method m, Object target, Object... args) {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw rethrow(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) throw r;
    if (t instanceof Error e) throw e;
    throw new java.io.UncheckedIOException(t instanceof java.io.IOException io ? io : new java.io.IOException(t));
  }
}
