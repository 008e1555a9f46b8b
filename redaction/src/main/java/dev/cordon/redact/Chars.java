package dev.cordon.redact;

/** ASCII character tests, branch-light, used by every rule. */
final class Chars {
  private Chars() {}

  static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean upper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  static boolean lower(char c) {
    return c >= 'a' && c <= 'z';
  }

  static boolean letter(char c) {
    return upper(c) || lower(c);
  }

  static boolean alnum(char c) {
    return digit(c) || letter(c);
  }

  static boolean hex(char c) {
    return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Letters, digits, '_' and '-': the alphabet of API keys and base64url. */
  static boolean keyChar(char c) {
    return alnum(c) || c == '_' || c == '-';
  }

  /** A word character in the widest sense used for boundaries: ASCII alnum or any letter/digit beyond ASCII. */
  static boolean wordChar(char c) {
    return c < 128 ? alnum(c) || c == '_' : Character.isLetterOrDigit(c);
  }

  static boolean space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u00a0';
  }

  static boolean regionIs(String s, int at, int to, String prefix) {
    return to - at >= prefix.length() && s.startsWith(prefix, at);
  }
}
