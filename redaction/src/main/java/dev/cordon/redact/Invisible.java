package dev.cordon.redact;

/**
 * INVISIBLE: characters that render as nothing and can hide instructions from a reviewer
 * (zero-width spaces and joiners, bidi overrides, the Unicode "tag" block used for ASCII
 * smuggling, soft hyphens, BOMs): every Unicode Cf, and every Cc except tab, line feed and
 * carriage return. Returns the length of the invisible character at {@code i}, or 0.
 */
final class Invisible {
  private Invisible() {}

  static int at(String s, int i, int to) {
    char c = s.charAt(i);
    if (c < 0x20) return c == '\t' || c == '\n' || c == '\r' ? 0 : 1;
    if (c < 0x7f) return 0;
    if (c <= 0x9f) return 1;
    if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
      int cp = Character.toCodePoint(c, s.charAt(i + 1));
      return Character.getType(cp) == Character.FORMAT ? 2 : 0;
    }
    return Character.getType(c) == Character.FORMAT ? 1 : 0;
  }
}
