package com.example.callers;

import java.util.function.Supplier;

/** Two call sites in one method, for telling their caller texts apart. */
public final class Sites {
  private Sites() {}

  public static String[] two(Supplier<String> s) {
    String first = s.get();
    String second = s.get();
    return new String[] {first, second};
  }
}
