package dev.cordon.agent.sdk;

import dev.cordon.CordonAccessDeniedException;
import dev.cordon.agent.ai.AiCall;
import dev.cordon.agent.ai.UsageReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A Stainless SDK response held back until its tool calls are checked (issue 3): when the allowing
 * rule limits {@code tools}, a non-streamed response is read whole here, before the SDK parses it
 * for the application; a call to a tool outside the list is blocked (the deny is thrown where the
 * SDK call was made) and audited. Otherwise the application gets a view of the same bytes.
 */
final class StainlessResponseGate {
  private StainlessResponseGate() {}

  static Object gate(AiCall call, Class<?> responseType, Object response) throws Throwable {
    Method statusCode = responseType.getMethod("statusCode");
    Method body = responseType.getMethod("body");
    Method close = responseType.getMethod("close");
    int status = (Integer) invoke(statusCode, response);
    byte[] bytes;
    try (InputStream in = (InputStream) invoke(body, response)) {
      bytes = in.readAllBytes();
    }
    CordonAccessDeniedException deny = call.checkToolCalls(bytes);
    if (deny != null) {
      call.completed(status, UsageReader.find(bytes, 0, bytes.length));
      invoke(close, response);
      throw deny;
    }
    // The checked bytes go through the same output redaction and usage tap as any other response.
    InputStream checked = call.responseBody(new ByteArrayInputStream(bytes), status);
    return Proxy.newProxyInstance(responseType.getClassLoader(), new Class<?>[] {responseType},
        (proxy, m, args) -> switch (m.getName()) {
          case "body" -> checked;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> invoke(m, response, args);
        });
  }

  @SuppressWarnings("deprecation") // isAccessible: the proxy's Method objects are shared, made accessible once
  private static Object invoke(Method m, Object target, Object... args) throws Throwable {
    try {
      if (!m.isAccessible()) m.setAccessible(true);
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
