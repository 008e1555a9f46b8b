package com.example.callers;

import java.util.function.Supplier;

/**
 * Application-like frames for the principal tests: each hop calls the next one of a chain by one of
 * several shapes (plain, lambda, reflection, inner class), so the stack between the test and the
 * resolver looks like an application's.
 */
public final class Hop {
  private Hop() {}

  /** Runs {@code end} under a chain of hops: {@code shapes[i]} is how hop i calls hop i+1. */
  public static <T> T through(int[] shapes, int i, Supplier<T> end) {
    if (i == shapes.length) return end.get();
    switch (shapes[i] % 4) {
      case 0:
        return through(shapes, i + 1, end);
      case 1: {
        Supplier<T> next = () -> through(shapes, i + 1, end);
        return next.get();
      }
      case 2:
        try {
          @SuppressWarnings("unchecked")
          T t = (T) Hop.class.getMethod("through", int[].class, int.class, Supplier.class).invoke(null, shapes, i + 1, end);
          return t;
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      default:
        return new Inner<T>().call(shapes, i + 1, end);
    }
  }

  static final class Inner<T> {
    T call(int[] shapes, int i, Supplier<T> end) {
      return org.example.other.Relay.relay(() -> through(shapes, i, end));
    }
  }
}
