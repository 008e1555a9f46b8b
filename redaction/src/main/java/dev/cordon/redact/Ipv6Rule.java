package dev.cordon.redact;

/**
 * IP_ADDRESS (v6), found from a ':' by widening to the surrounding run of hex digits and colons
 * (at most 45 characters each way) and parsing it strictly: 1-4 hex digits per group, 8 groups or
 * one "::", an optional dotted-quad tail. To keep "std::vector" and "dead::beef" out, the text
 * must stand alone (no word character or ':' around it) and contain a decimal digit.
 */
final class Ipv6Rule {
  private Ipv6Rule() {}

  private static final int MAX = 45;

  /**
   * End of the address around the ':' at {@code at}, or -1. On success {@code out[0]} is its start;
   * either way {@code out[1]} is the end of the run examined, so the scanner can skip its other colons.
   */
  static int match(String s, int at, int lo, int to, int[] out) {
    int st = at;
    int min = Math.max(lo, at - MAX);
    while (st > min && (Chars.hex(s.charAt(st - 1)) || s.charAt(st - 1) == ':')) st--;
    int en = at;
    int max = Math.min(to, at + MAX);
    while (en < max && (Chars.hex(s.charAt(en)) || s.charAt(en) == ':')) en++;
    out[1] = en;
    if (st > lo && (Chars.wordChar(s.charAt(st - 1)) || s.charAt(st - 1) == '.' || s.charAt(st - 1) == ':')) return -1;
    int end = en;
    int groups = 0;
    boolean compressed = false;
    boolean digit = false;
    int k = st;
    int lastGroup = st;
    if (k + 1 < end && s.charAt(k) == ':' && s.charAt(k + 1) == ':') {
      compressed = true;
      k += 2;
    } else if (s.charAt(k) == ':') {
      return -1;
    }
    while (k < end) {
      int g = k;
      while (k < end && Chars.hex(s.charAt(k))) {
        digit |= Chars.digit(s.charAt(k));
        k++;
      }
      int len = k - g;
      if (len == 0 || len > 4) return -1;
      groups++;
      lastGroup = g;
      if (k == end) break;
      // s[k] == ':'
      if (k + 1 < end && s.charAt(k + 1) == ':') {
        if (compressed) return -1;
        compressed = true;
        k += 2;
        if (k == end) break;
      } else {
        k++;
        if (k == end) return -1; // trailing single ':'
      }
    }
    if (end < to && s.charAt(end) == '.') {
      int v4 = NumberRules.ipv4(s, lastGroup, to);
      if (v4 < 0) return -1;
      groups++;
      digit = true;
      end = v4;
    } else if (end < to && Chars.wordChar(s.charAt(end))) {
      return -1;
    }
    if (!digit || (compressed ? groups > 7 : groups != 8) || (compressed && groups == 0)) return -1;
    out[0] = st;
    out[1] = Math.max(out[1], end);
    return end;
  }
}
