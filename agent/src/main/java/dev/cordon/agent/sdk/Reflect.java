package dev.cordon.agent.sdk;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Small reflection helpers for reaching into an SDK the agent cannot link against. */
final class Reflect {
  private Reflect() {}

  /** The public method with this name and arity, searched on the class and its interfaces. */
  static Method method(Class<?> type, String name, int arity) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == arity) {
        m.setAccessible(true);
        return m;
      }
    }
    throw new IllegalStateException("no method " + name + "/" + arity + " on " + type.getName());
  }

  static boolean hasMethod(Class<?> type, String name, int arity) {
    for (Method m : type.getMethods()) if (m.getName().equals(name) && m.getParameterCount() == arity) return true;
    return false;
  }

  static Method method(Class<?> type, String name, Class<?>... params) {
    try {
      Method m = type.getMethod(name, params);
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("no method " + name + " on " + type.getName(), e);
    }
  }

  static Object call(Method m, Object target, Object... args) {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) throw re;
      if (cause instanceof Error err) throw err;
      throw new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
