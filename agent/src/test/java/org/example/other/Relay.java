package org.example.other;

import java.util.function.Supplier;

/** A frame in a second application package, so that selectors can match one package and not the other. */
public final class Relay {
  private Relay() {}

  public static <T> T relay(Supplier<T> next) {
    return next.get();
  }
}
