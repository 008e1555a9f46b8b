package dev.cordon.agent.transport;

import dev.cordon.agent.credentials.ScopedKey;
import java.util.List;
import java.util.ArrayList;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;

/**
 * The public API of Apache HttpClient 5.x ({@code org.apache.hc.core5}) and 4.x ({@code org.apache.http})
 * classic requests, responses and entities, reached by reflection from the class of the application's
 * request (the agent cannot link against the application's copy). Methods are taken from the public
 * interfaces, never from the implementation classes (several are package-private). The accessors that
 * run for every request are method handles typed to avoid boxing; the rest, used for AI traffic only,
 * are plain reflective calls.
 */
final class ApacheApi {
  private static final ClassValue<ApacheApi> BY_REQUEST_CLASS = new ClassValue<>() {
    @Override
    protected ApacheApi computeValue(Class<?> type) {
      return new ApacheApi(type);
    }
  };

  static ApacheApi of(Object request) {
    return BY_REQUEST_CLASS.get(request.getClass());
  }

  /** 5.x (org.apache.hc) or 4.x (org.apache.http). */
  final boolean v5;
  /** 4.x only: whether the request class is an HttpUriRequest (method and URI without building a request line). */
  private final boolean uriRequest;
  private final boolean enclosing;

  private final MethodHandle method;
  private final MethodHandle path;
  private final MethodHandle uri;
  private final MethodHandle requestScheme;
  private final MethodHandle requestAuthority;
  private final MethodHandle authorityHost;
  private final MethodHandle authorityPort;
  private final MethodHandle hostScheme;
  private final MethodHandle hostName;
  private final MethodHandle hostPort;

  private final Method requestLine;
  private final Method lineMethod;
  private final Method lineUri;
  private final Method firstHeader;
  private final Method headerValue;
  private final Method headersNamed;
  private final Method removeHeaders;
  private final Method setHeader;
  private final Method addHeader;
  private final Method getEntity;
  private final Method setEntity;
  private final Method responseGetEntity;
  private final Method responseSetEntity;
  private final Method statusCode;
  private final Method statusLine;
  private final Method entityRepeatable;
  private final Method entityLength;
  private final Method entityType;
  private final Method entityEncoding;
  private final Method entityContent;
  private final Method entityWriteTo;
  private final Method contentTypeParse;
  private final Method setContentType;
  private final Constructor<?> byteArrayEntity;
  private final Constructor<?> streamEntity;

  private ApacheApi(Class<?> requestType) {
    try {
      ClassLoader l = requestType.getClassLoader();
      v5 = requestType.getName().startsWith("org.apache.hc.") || is(requestType, "org.apache.hc.core5.http.HttpRequest", l);
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      MethodType str = MethodType.methodType(String.class, Object.class);
      MethodType num = MethodType.methodType(int.class, Object.class);
      String core = v5 ? "org.apache.hc.core5.http." : "org.apache.http.";
      Class<?> httpHost = Class.forName(core + "HttpHost", false, l);
      hostScheme = lookup.unreflect(httpHost.getMethod("getSchemeName")).asType(str);
      hostName = lookup.unreflect(httpHost.getMethod("getHostName")).asType(str);
      hostPort = lookup.unreflect(httpHost.getMethod("getPort")).asType(num);
      Class<?> message = Class.forName(core + "HttpMessage", false, l);
      Class<?> header = Class.forName(core + "Header", false, l);
      firstHeader = message.getMethod("getFirstHeader", String.class);
      headerValue = (v5 ? Class.forName("org.apache.hc.core5.http.NameValuePair", false, l) : header).getMethod("getValue");
      headersNamed = message.getMethod("getHeaders", String.class);
      removeHeaders = message.getMethod("removeHeaders", String.class);
      // 5.x takes the value as an Object, 4.x as a String.
      setHeader = message.getMethod("setHeader", String.class, v5 ? Object.class : String.class);
      addHeader = message.getMethod("addHeader", String.class, v5 ? Object.class : String.class);
      Class<?> entity = Class.forName(core + "HttpEntity", false, l);
      entityRepeatable = entity.getMethod("isRepeatable");
      entityLength = entity.getMethod("getContentLength");
      entityType = entity.getMethod("getContentType");
      entityEncoding = entity.getMethod("getContentEncoding");
      entityContent = entity.getMethod("getContent");
      entityWriteTo = entity.getMethod("writeTo", OutputStream.class);
      if (v5) {
        Class<?> request = Class.forName(core + "HttpRequest", false, l);
        Class<?> authority = Class.forName("org.apache.hc.core5.net.URIAuthority", false, l);
        method = lookup.unreflect(request.getMethod("getMethod")).asType(str);
        path = lookup.unreflect(request.getMethod("getPath")).asType(str);
        requestScheme = lookup.unreflect(request.getMethod("getScheme")).asType(str);
        requestAuthority = lookup.unreflect(request.getMethod("getAuthority"))
            .asType(MethodType.methodType(Object.class, Object.class));
        authorityHost = lookup.unreflect(authority.getMethod("getHostName")).asType(str);
        authorityPort = lookup.unreflect(authority.getMethod("getPort")).asType(num);
        uri = null;
        uriRequest = false;
        requestLine = null;
        lineMethod = null;
        lineUri = null;
        Class<?> container = Class.forName(core + "HttpEntityContainer", false, l);
        enclosing = container.isAssignableFrom(requestType);
        getEntity = container.getMethod("getEntity");
        setEntity = container.getMethod("setEntity", entity);
        responseGetEntity = getEntity;
        responseSetEntity = setEntity;
        statusCode = Class.forName(core + "HttpResponse", false, l).getMethod("getCode");
        statusLine = null;
        Class<?> contentType = Class.forName(core + "ContentType", false, l);
        contentTypeParse = contentType.getMethod("parse", CharSequence.class);
        setContentType = null;
        byteArrayEntity = Class.forName(core + "io.entity.ByteArrayEntity", false, l).getConstructor(byte[].class, contentType);
        streamEntity = Class.forName(core + "io.entity.InputStreamEntity", false, l)
            .getConstructor(InputStream.class, long.class, contentType);
      } else {
        Class<?> uriReq = Class.forName("org.apache.http.client.methods.HttpUriRequest", false, l);
        uriRequest = uriReq.isAssignableFrom(requestType);
        method = uriRequest ? lookup.unreflect(uriReq.getMethod("getMethod")).asType(str) : null;
        uri = uriRequest ? lookup.unreflect(uriReq.getMethod("getURI"))
            .asType(MethodType.methodType(URI.class, Object.class)) : null;
        path = null;
        requestScheme = null;
        requestAuthority = null;
        authorityHost = null;
        authorityPort = null;
        requestLine = Class.forName(core + "HttpRequest", false, l).getMethod("getRequestLine");
        lineMethod = requestLine.getReturnType().getMethod("getMethod");
        lineUri = requestLine.getReturnType().getMethod("getUri");
        Class<?> container = Class.forName(core + "HttpEntityEnclosingRequest", false, l);
        enclosing = container.isAssignableFrom(requestType);
        getEntity = container.getMethod("getEntity");
        setEntity = container.getMethod("setEntity", entity);
        Class<?> response = Class.forName(core + "HttpResponse", false, l);
        responseGetEntity = response.getMethod("getEntity");
        responseSetEntity = response.getMethod("setEntity", entity);
        statusLine = response.getMethod("getStatusLine");
        statusCode = statusLine.getReturnType().getMethod("getStatusCode");
        contentTypeParse = null;
        Class<?> abstractEntity = Class.forName("org.apache.http.entity.AbstractHttpEntity", false, l);
        setContentType = abstractEntity.getMethod("setContentType", String.class);
        byteArrayEntity = Class.forName("org.apache.http.entity.ByteArrayEntity", false, l).getConstructor(byte[].class);
        streamEntity = Class.forName("org.apache.http.entity.InputStreamEntity", false, l)
            .getConstructor(InputStream.class, long.class);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("unsupported Apache HttpClient version around " + requestType.getName(), e);
    }
  }

  private static boolean is(Class<?> type, String name, ClassLoader l) {
    try {
      return Class.forName(name, false, l).isAssignableFrom(type);
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  // --- Every request: method handles, no boxing; allocation only where the client itself has no string.

  /**
   * Classifies the request with {@code wire}; null for anything that is not AI traffic. 5.x keeps
   * scheme, authority and path as strings (nothing to build); 4.x keeps a {@link URI}.
   */
  dev.cordon.agent.ai.AiTarget classify(WireGovernor wire, Object request, Object target) {
    String m;
    String scheme;
    String host;
    int port;
    String p;
    if (v5) {
      m = str(method, request);
      p = str(path, request);
      if (target != null) {
        scheme = str(hostScheme, target);
        host = str(hostName, target);
        port = num(hostPort, target);
      } else {
        Object authority = obj(requestAuthority, request);
        if (authority == null) return null;
        scheme = str(requestScheme, request);
        host = str(authorityHost, authority);
        port = num(authorityPort, authority);
      }
    } else if (uriRequest) {
      m = str(method, request);
      URI u = uri(request);
      if (u == null) return null;
      p = u.getRawPath();
      if (target != null) {
        scheme = str(hostScheme, target);
        host = str(hostName, target);
        port = num(hostPort, target);
      } else {
        scheme = u.getScheme();
        host = u.getHost();
        port = u.getPort();
      }
    } else {
      // A plain BasicHttpRequest: its request line holds method and URI (absolute or a path).
      Object line = call(requestLine, request);
      m = (String) call(lineMethod, line);
      URI u = URI.create((String) call(lineUri, line));
      p = u.getRawPath();
      scheme = target != null ? str(hostScheme, target) : u.getScheme();
      host = target != null ? str(hostName, target) : u.getHost();
      port = target != null ? num(hostPort, target) : u.getPort();
    }
    if (p == null || host == null || scheme == null) return null;
    int end = p.length();
    for (int i = 0; i < end; i++) {
      char c = p.charAt(i);
      if (c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    return wire.classifyPath(m, scheme, host, port, p, 0, end);
  }

  // --- AI traffic only.

  String header(Object message, String name) {
    Object h = call(firstHeader, message, name);
    return h == null ? null : (String) call(headerValue, h);
  }

  /** Every value of {@code name}, in order (possibly none). */
  String[] headers(Object message, String name) {
    Object[] hs = (Object[]) call(headersNamed, message, name);
    String[] out = new String[hs.length];
    for (int i = 0; i < hs.length; i++) out[i] = (String) call(headerValue, hs[i]);
    return out;
  }

  void removeHeaders(Object message, String name) {
    call(removeHeaders, message, name);
  }

  void setHeader(Object message, String name, String value) {
    call(setHeader, message, name, value);
  }

  void addHeader(Object message, String name, String value) {
    call(addHeader, message, name, value);
  }

  /** Puts the scoped key on the request; returns the auth headers it had (name, value, ...) to restore. */
  List<String> putScopedKey(Object request, ScopedKey key) {
    List<String> saved = new ArrayList<>();
    for (String h : ScopedKey.AUTH_HEADERS) {
      for (String v : headers(request, h)) {
        saved.add(h);
        saved.add(v);
      }
      removeHeaders(request, h);
    }
    setHeader(request, key.header(), key.value());
    return saved;
  }

  /** Puts back the auth headers {@link #putScopedKey} replaced. */
  void restoreAuthHeaders(Object request, List<String> saved) {
    for (String h : ScopedKey.AUTH_HEADERS) removeHeaders(request, h);
    for (int i = 0; i < saved.size(); i += 2) addHeader(request, saved.get(i), saved.get(i + 1));
  }

  /** The request's entity, or null when it has none (or cannot carry one). */
  Object requestEntity(Object request) {
    return enclosing ? call(getEntity, request) : null;
  }

  void setRequestEntity(Object request, Object entity) {
    call(setEntity, request, entity);
  }

  Object responseEntity(Object response) {
    return call(responseGetEntity, response);
  }

  void setResponseEntity(Object response, Object entity) {
    call(responseSetEntity, response, entity);
  }

  int status(Object response) {
    return v5 ? (Integer) call(statusCode, response) : (Integer) call(statusCode, call(statusLine, response));
  }

  boolean repeatable(Object entity) {
    return (Boolean) call(entityRepeatable, entity);
  }

  long length(Object entity) {
    return (Long) call(entityLength, entity);
  }

  /** The entity's Content-Type value, or null. */
  String contentType(Object entity) {
    Object t = call(entityType, entity);
    return t == null ? null : v5 ? (String) t : (String) call(headerValue, t);
  }

  /** The entity's Content-Encoding value, or null. */
  String contentEncoding(Object entity) {
    Object t = call(entityEncoding, entity);
    return t == null ? null : v5 ? (String) t : (String) call(headerValue, t);
  }

  InputStream content(Object entity) {
    return (InputStream) call(entityContent, entity);
  }

  void writeTo(Object entity, OutputStream out) {
    call(entityWriteTo, entity, out);
  }

  /** A repeatable entity of these bytes with the given Content-Type (may be null). */
  Object bytesEntity(byte[] bytes, String contentType) {
    Object e = v5 ? construct(byteArrayEntity, bytes, parse(contentType)) : construct(byteArrayEntity, (Object) bytes);
    if (!v5 && contentType != null) call(setContentType, e, contentType);
    return e;
  }

  /** A streamed entity over {@code in} ({@code length} -1 when unknown) with the given Content-Type (may be null). */
  Object streamEntity(InputStream in, long length, String contentType) {
    Object e = v5 ? construct(streamEntity, in, length, parse(contentType)) : construct(streamEntity, in, length);
    if (!v5 && contentType != null) call(setContentType, e, contentType);
    return e;
  }

  private Object parse(String contentType) {
    return contentType == null ? null : call(contentTypeParse, null, contentType);
  }

  private URI uri(Object request) {
    try {
      return (URI) uri.invokeExact(request);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static String str(MethodHandle h, Object o) {
    try {
      return (String) h.invokeExact(o);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static int num(MethodHandle h, Object o) {
    try {
      return (int) h.invokeExact(o);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static Object obj(MethodHandle h, Object o) {
    try {
      return (Object) h.invokeExact(o);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static Object construct(Constructor<?> c, Object... args) {
    try {
      return c.newInstance(args);
    } catch (InvocationTargetException e) {
      throw rethrow(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  static Object call(Method m, Object target, Object... args) {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw rethrow(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) throw r;
    if (t instanceof Error e) throw e;
    throw new java.io.UncheckedIOException(t instanceof java.io.IOException io ? io : new java.io.IOException(t));
  }
}
