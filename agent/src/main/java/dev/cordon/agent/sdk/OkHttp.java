package dev.cordon.agent.sdk;

import java.io.InputStream;
import java.lang.reflect.Method;

/**
 * The few OkHttp 4 / Okio calls that a client adapter needs on the application's own copy of
 * OkHttp (Google GenAI sends through it): read a request's URL and method, rebuild it with another
 * JSON body, and give a response a body that is read through a filter stream. One instance per
 * class loader.
 */
final class OkHttp {
  private static final ClassValue<OkHttp> BY_CLASS = new ClassValue<>() {
    @Override
    protected OkHttp computeValue(Class<?> anyOkHttpType) {
      return new OkHttp(anyOkHttpType.getClassLoader());
    }
  };

  static OkHttp of(Object okHttpObject) {
    return BY_CLASS.get(okHttpObject.getClass());
  }

  private final Method reqUrl;
  private final Method reqMethod;
  private final Method reqBody;
  private final Method reqNewBuilder;
  private final Method reqBuilderMethod;
  private final Method reqBuilderBuild;
  private final Method reqBuilderRemoveHeader;
  private final Method reqBuilderHeader;
  private final Method bodyContentType;
  private final Method requestBodyCreate;
  private final Method respRequest;
  private final Method respCode;
  private final Method respBody;
  private final Method respNewBuilder;
  private final Method respBuilderBody;
  private final Method respBuilderBuild;
  private final Method rbByteStream;
  private final Method rbContentType;
  private final Method rbContentLength;
  private final Method responseBodyCreate;
  private final Method okioSource;
  private final Method okioBuffer;

  private OkHttp(ClassLoader loader) {
    try {
      Class<?> request = Class.forName("okhttp3.Request", false, loader);
      Class<?> requestBody = Class.forName("okhttp3.RequestBody", false, loader);
      Class<?> mediaType = Class.forName("okhttp3.MediaType", false, loader);
      Class<?> response = Class.forName("okhttp3.Response", false, loader);
      Class<?> responseBody = Class.forName("okhttp3.ResponseBody", false, loader);
      Class<?> bufferedSource = Class.forName("okio.BufferedSource", false, loader);
      Class<?> source = Class.forName("okio.Source", false, loader);
      Class<?> okio = Class.forName("okio.Okio", false, loader);
      reqUrl = Reflect.method(request, "url", 0);
      reqMethod = Reflect.method(request, "method", 0);
      reqBody = Reflect.method(request, "body", 0);
      reqNewBuilder = Reflect.method(request, "newBuilder", 0);
      reqBuilderMethod = Reflect.method(reqNewBuilder.getReturnType(), "method", String.class, requestBody);
      reqBuilderBuild = Reflect.method(reqNewBuilder.getReturnType(), "build", 0);
      reqBuilderRemoveHeader = Reflect.method(reqNewBuilder.getReturnType(), "removeHeader", String.class);
      reqBuilderHeader = Reflect.method(reqNewBuilder.getReturnType(), "header", String.class, String.class);
      bodyContentType = Reflect.method(requestBody, "contentType", 0);
      requestBodyCreate = Reflect.method(requestBody, "create", String.class, mediaType);
      respRequest = Reflect.method(response, "request", 0);
      respCode = Reflect.method(response, "code", 0);
      respBody = Reflect.method(response, "body", 0);
      respNewBuilder = Reflect.method(response, "newBuilder", 0);
      respBuilderBody = Reflect.method(respNewBuilder.getReturnType(), "body", responseBody);
      respBuilderBuild = Reflect.method(respNewBuilder.getReturnType(), "build", 0);
      rbByteStream = Reflect.method(responseBody, "byteStream", 0);
      rbContentType = Reflect.method(responseBody, "contentType", 0);
      rbContentLength = Reflect.method(responseBody, "contentLength", 0);
      responseBodyCreate = Reflect.method(responseBody, "create", bufferedSource, mediaType, long.class);
      okioSource = Reflect.method(okio, "source", InputStream.class);
      okioBuffer = Reflect.method(okio, "buffer", source);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("unsupported OkHttp layout", e);
    }
  }

  String url(Object request) {
    return Reflect.call(reqUrl, request).toString();
  }

  String method(Object request) {
    return (String) Reflect.call(reqMethod, request);
  }

  /** A copy of {@code request} with this body, keeping its content type. */
  Object withBody(Object request, String body) {
    Object old = Reflect.call(reqBody, request);
    Object type = old == null ? null : Reflect.call(bodyContentType, old);
    Object builder = Reflect.call(reqNewBuilder, request);
    Reflect.call(reqBuilderMethod, builder, method(request), Reflect.call(requestBodyCreate, null, body, type));
    return Reflect.call(reqBuilderBuild, builder);
  }

  /** A copy of {@code request} carrying the scoped key (spec 7) instead of the application's own. */
  Object withKey(Object request, dev.cordon.agent.credentials.ScopedKey key) {
    Object builder = Reflect.call(reqNewBuilder, request);
    for (String h : dev.cordon.agent.credentials.ScopedKey.AUTH_HEADERS) Reflect.call(reqBuilderRemoveHeader, builder, h);
    Reflect.call(reqBuilderHeader, builder, key.header(), key.value());
    return Reflect.call(reqBuilderBuild, builder);
  }

  Object request(Object response) {
    return Reflect.call(respRequest, response);
  }

  int code(Object response) {
    return (Integer) Reflect.call(respCode, response);
  }

  /** A copy of {@code response} whose body is read through {@code filter(original body stream)}. */
  Object withFilteredBody(Object response, java.util.function.UnaryOperator<InputStream> filter) {
    Object body = Reflect.call(respBody, response);
    if (body == null) return response;
    InputStream in = filter.apply((InputStream) Reflect.call(rbByteStream, body));
    Object source = Reflect.call(okioBuffer, null, Reflect.call(okioSource, null, in));
    Object newBody = Reflect.call(responseBodyCreate, null, source, Reflect.call(rbContentType, body),
        Reflect.call(rbContentLength, body));
    Object builder = Reflect.call(respNewBuilder, response);
    Reflect.call(respBuilderBody, builder, newBody);
    return Reflect.call(respBuilderBuild, builder);
  }
}
