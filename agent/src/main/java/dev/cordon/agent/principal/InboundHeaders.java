package dev.cordon.agent.principal;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the headers of the inbound HTTP request a thread serves (a javax or jakarta
 * {@code HttpServletRequest}, found by advice on {@code HttpServlet.service}), or of the snapshot
 * carried into async work started while serving one. Header names are case-insensitive.
 */
public final class InboundHeaders {
  private InboundHeaders() {}

  private static final ClassValue<Method> GET_HEADER = new ClassValue<>() {
    @Override
    protected Method computeValue(Class<?> type) {
      Class<?> api = find(type);
      if (api == null) return null;
      try {
        return api.getMethod("getHeader", String.class);
      } catch (NoSuchMethodException e) {
        return null;
      }
    }
  };

  private static Class<?> find(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      for (Class<?> i : k.getInterfaces()) {
        String n = i.getName();
        if (n.equals("javax.servlet.http.HttpServletRequest") || n.equals("jakarta.servlet.http.HttpServletRequest")) return i;
        Class<?> deeper = find(i);
        if (deeper != null) return deeper;
      }
    }
    return null;
  }

  /** A header lookup for the decision: the live request first, else the carried snapshot; null when neither. */
  public static Function<String, String> of(Object request, Object carried) {
    if (request != null) {
      Method m = GET_HEADER.get(request.getClass());
      if (m != null) return name -> read(m, request, name);
    }
    if (carried instanceof Map<?, ?> snapshot) return name -> (String) snapshot.get(name.toLowerCase(Locale.ROOT));
    return null;
  }

  /** The named headers of {@code request}, as an immutable snapshot keyed by lower-case name (absent headers left out). */
  public static Map<String, String> snapshot(Object request, List<String> names) {
    Method m = GET_HEADER.get(request.getClass());
    if (m == null || names.isEmpty()) return null;
    Map<String, String> out = new HashMap<>();
    for (String n : names) {
      String v = read(m, request, n);
      if (v != null) out.put(n.toLowerCase(Locale.ROOT), v);
    }
    return Map.copyOf(out);
  }

  private static String read(Method m, Object request, String name) {
    try {
      return (String) m.invoke(request, name);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // A recycled or odd request: the header is absent, so http_header criteria fail (least privilege).
      return null;
    }
  }
}
