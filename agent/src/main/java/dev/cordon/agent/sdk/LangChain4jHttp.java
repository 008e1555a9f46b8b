package dev.cordon.agent.sdk;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * LangChain4j's own HTTP types ({@code dev.langchain4j.http.client}), read and rebuilt by
 * reflection: {@code HttpRequest} (method, full URL, headers, String body), {@code
 * SuccessfulHttpResponse} (status, String body) and {@code ServerSentEvent} (data). One instance
 * per class loader, found from the request's class.
 */
final class LangChain4jHttp {
  private static final ClassValue<LangChain4jHttp> BY_REQUEST_CLASS = new ClassValue<>() {
    @Override
    protected LangChain4jHttp computeValue(Class<?> type) {
      return new LangChain4jHttp(type);
    }
  };

  static LangChain4jHttp of(Object request) {
    return BY_REQUEST_CLASS.get(request.getClass());
  }

  private final Method method;
  private final Method url;
  private final Method headers;
  private final Method body;
  private final Method formDataFields;
  private final Method formDataFiles;
  private final Method builder;
  private final Method bMethod;
  private final Method bUrl;
  private final Method bHeaders;
  private final Method bBody;
  private final Method bFormDataFields;
  private final Method bFormDataFiles;
  private final Method bBuild;

  private LangChain4jHttp(Class<?> requestType) {
    method = Reflect.method(requestType, "method", 0);
    url = Reflect.method(requestType, "url", 0);
    headers = Reflect.method(requestType, "headers", 0);
    body = Reflect.method(requestType, "body", 0);
    formDataFields = Reflect.hasMethod(requestType, "formDataFields", 0) ? Reflect.method(requestType, "formDataFields", 0) : null;
    formDataFiles = Reflect.hasMethod(requestType, "formDataFiles", 0) ? Reflect.method(requestType, "formDataFiles", 0) : null;
    builder = Reflect.method(requestType, "builder", 0);
    Class<?> b = builder.getReturnType();
    bMethod = Reflect.method(b, "method", method.getReturnType());
    bUrl = Reflect.method(b, "url", String.class);
    bHeaders = Reflect.method(b, "headers", Map.class);
    bBody = Reflect.method(b, "body", String.class);
    bFormDataFields = formDataFields == null ? null : Reflect.method(b, "formDataFields", Map.class);
    bFormDataFiles = formDataFiles == null ? null : Reflect.method(b, "formDataFiles", Map.class);
    bBuild = Reflect.method(b, "build", 0);
  }

  String method(Object request) {
    return String.valueOf(Reflect.call(method, request));
  }

  String url(Object request) {
    return (String) Reflect.call(url, request);
  }

  String body(Object request) {
    return (String) Reflect.call(body, request);
  }

  /** True for multipart requests (file uploads), whose String body is empty. */
  boolean multipart(Object request) {
    return formDataFiles != null && !((Map<?, ?>) Reflect.call(formDataFiles, request)).isEmpty();
  }

  /** A copy of {@code request} with another body (the URL already carries any query parameters). */
  Object withBody(Object request, String newBody) {
    return rebuild(request, newBody, null);
  }

  /** A copy of {@code request} carrying the scoped key (spec 7) instead of the application's own. */
  Object withKey(Object request, dev.cordon.agent.credentials.ScopedKey key) {
    return rebuild(request, body(request), key);
  }

  private Object rebuild(Object request, String newBody, dev.cordon.agent.credentials.ScopedKey key) {
    Object b = Reflect.call(builder, null);
    Reflect.call(bMethod, b, Reflect.call(method, request));
    Reflect.call(bUrl, b, url(request));
    @SuppressWarnings("unchecked")
    Map<String, List<String>> h = (Map<String, List<String>>) Reflect.call(headers, request);
    if (key != null) {
      Map<String, List<String>> replaced = new java.util.LinkedHashMap<>();
      if (h != null) h.forEach((name, values) -> {
        if (!dev.cordon.agent.credentials.ScopedKey.isAuthHeader(name)) replaced.put(name, values);
      });
      replaced.put(key.header(), List.of(key.value()));
      h = replaced;
    }
    if (h != null) Reflect.call(bHeaders, b, h);
    if (bFormDataFields != null) Reflect.call(bFormDataFields, b, Reflect.call(formDataFields, request));
    if (bFormDataFiles != null) Reflect.call(bFormDataFiles, b, Reflect.call(formDataFiles, request));
    Reflect.call(bBody, b, newBody);
    return Reflect.call(bBuild, b);
  }

  private static final ClassValue<Method> STATUS = getter("statusCode");
  private static final ClassValue<Method> BODY = getter("body");
  private static final ClassValue<Method> DATA = getter("data");

  private static ClassValue<Method> getter(String name) {
    return new ClassValue<>() {
      @Override
      protected Method computeValue(Class<?> type) {
        return Reflect.method(type, name, 0);
      }
    };
  }

  /** A copy of a {@code SuccessfulHttpResponse} with another body (status and headers kept). */
  static Object withResponseBody(Object response, String body) {
    Class<?> type = response.getClass();
    Object b = Reflect.call(Reflect.method(type, "builder", 0), null);
    Reflect.call(Reflect.method(b.getClass(), "statusCode", int.class), b, status(response));
    Object headers = Reflect.call(Reflect.method(type, "headers", 0), response);
    if (headers != null) Reflect.call(Reflect.method(b.getClass(), "headers", Map.class), b, headers);
    Reflect.call(Reflect.method(b.getClass(), "body", String.class), b, body);
    return Reflect.call(Reflect.method(b.getClass(), "build", 0), b);
  }

  static int status(Object successfulResponse) {
    return (Integer) Reflect.call(STATUS.get(successfulResponse.getClass()), successfulResponse);
  }

  static String responseBody(Object successfulResponse) {
    return (String) Reflect.call(BODY.get(successfulResponse.getClass()), successfulResponse);
  }

  static String eventData(Object serverSentEvent) {
    return (String) Reflect.call(DATA.get(serverSentEvent.getClass()), serverSentEvent);
  }
}
