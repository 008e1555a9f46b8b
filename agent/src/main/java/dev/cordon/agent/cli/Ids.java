package dev.cordon.agent.cli;

import java.util.regex.Pattern;

/** Policy ids (letters, digits, '_', '.', '-', starting with a letter or digit), made from observed names. */
final class Ids {
  private Ids() {}

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  static boolean valid(String id) {
    return VALID.matcher(id).matches();
  }

  /** {@code name} with every other character replaced by '-'; {@code fallback} if nothing is left. */
  static String sanitize(String name, String fallback) {
    String s = name.replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^[^A-Za-z0-9]+", "");
    return s.isEmpty() ? fallback : s;
  }
}
