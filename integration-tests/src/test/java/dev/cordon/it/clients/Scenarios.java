package dev.cordon.it.clients;

/** Argument lists for the per-library test apps run through com.acme.support.Support. */
final class Scenarios {
  private Scenarios() {}

  static String[] args(Class<?> steps, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = steps.getName();
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
