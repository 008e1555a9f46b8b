package dev.cordon.redact;

/**
 * SECRET: provider API keys by their documented prefixes, JWTs and PEM private-key blocks. Each
 * rule is tried only at the start of a token, from a character the scanner's table flags, and
 * consumes the key's whole run of characters, so the scan never revisits it.
 */
final class SecretRules {
  private SecretRules() {}

  /** PEM blocks longer than this are not waited for in a stream (a 16384-bit RSA key is ~13 KB). */
  static final int MAX_PEM = 16 * 1024;

  /** End of the run of key characters from {@code j}. */
  private static int run(String s, int j, int to) {
    while (j < to && Chars.keyChar(s.charAt(j))) j++;
    return j;
  }

  private static int runAlnum(String s, int j, int to) {
    while (j < to && Chars.alnum(s.charAt(j))) j++;
    return j;
  }

  /** A key body: at least {@code min} characters, some digit and some letter (rules out "sk-learn-style-words"). */
  private static int body(String s, int from, int end, int min) {
    if (end - from < min) return -1;
    boolean digit = false;
    boolean letter = false;
    for (int k = from; k < end && !(digit && letter); k++) {
      char c = s.charAt(k);
      digit |= Chars.digit(c);
      letter |= Chars.letter(c);
    }
    return digit && letter ? end : -1;
  }

  /** End of a key starting at {@code i} (the scanner has checked the token boundary before it), or -1. */
  static int key(String s, int i, int to) {
    switch (s.charAt(i)) {
      case 's':
        if (Chars.regionIs(s, i, to, "sk-")) return body(s, i + 3, run(s, i + 3, to), 20); // OpenAI, sk-proj-, sk-ant-
        if (Chars.regionIs(s, i, to, "sk_live_") || Chars.regionIs(s, i, to, "sk_test_")) {
          return body(s, i + 8, runAlnum(s, i + 8, to), 16);
        }
        return -1;
      case 'r':
        if (Chars.regionIs(s, i, to, "rk_live_") || Chars.regionIs(s, i, to, "rk_test_")) {
          return body(s, i + 8, runAlnum(s, i + 8, to), 16);
        }
        return -1;
      case 'g':
        if (Chars.regionIs(s, i, to, "github_pat_")) return body(s, i + 11, run(s, i + 11, to), 40);
        if (to - i > 4 && s.charAt(i + 1) == 'h' && s.charAt(i + 3) == '_') {
          char k = s.charAt(i + 2);
          if (k == 'p' || k == 'o' || k == 's' || k == 'u' || k == 'r') return body(s, i + 4, runAlnum(s, i + 4, to), 30);
        }
        return -1;
      case 'x':
        if (to - i > 5 && s.charAt(i + 1) == 'o' && s.charAt(i + 2) == 'x' && s.charAt(i + 4) == '-') {
          char k = s.charAt(i + 3);
          if (k == 'b' || k == 'a' || k == 'p' || k == 'r' || k == 's' || k == 'e') {
            return body(s, i + 5, run(s, i + 5, to), 10);
          }
        }
        return -1;
      case 'A':
        if (Chars.regionIs(s, i, to, "AKIA") || Chars.regionIs(s, i, to, "ASIA")) {
          int j = i + 4;
          while (j < to && j < i + 20 && (Chars.upper(s.charAt(j)) || Chars.digit(s.charAt(j)))) j++;
          return j == i + 20 && (j == to || !Chars.alnum(s.charAt(j))) ? j : -1;
        }
        if (Chars.regionIs(s, i, to, "AIza")) {
          int end = run(s, i + 4, to);
          return end - i >= 39 ? end : -1;
        }
        return -1;
      case 'e':
        return jwt(s, i, to);
      default:
        return -1;
    }
  }

  /** header.payload.signature, base64url, header starting "eyJ" ('{"'); the signature may be empty (alg none). */
  private static int jwt(String s, int i, int to) {
    if (!Chars.regionIs(s, i, to, "eyJ")) return -1;
    int h = run(s, i, to);
    if (h - i < 10 || h >= to || s.charAt(h) != '.') return -1;
    int p = run(s, h + 1, to);
    if (p - h - 1 < 10 || p >= to || s.charAt(p) != '.') return -1;
    return run(s, p + 1, to);
  }

  /** Result of {@link #pem}: a complete block's end, NONE, or OPEN (a private-key header with no end yet). */
  static final int NONE = -1;
  static final int OPEN = -2;

  /**
   * A block from "-----BEGIN ... PRIVATE KEY-----" to the matching "-----END ...-----".
   * {@code noEndFrom} memoises a failed search for "-----END" so a run of headers stays linear.
   */
  static int pem(String s, int i, int to, int[] noEndFrom) {
    if (!Chars.regionIs(s, i, to, "-----BEGIN ")) return NONE;
    int labelEnd = -1;
    int max = Math.min(to, i + 80);
    for (int k = i + 11; k + 5 <= max; k++) {
      if (s.charAt(k) == '-') {
        if (s.startsWith("-----", k)) labelEnd = k;
        break;
      }
      if (s.charAt(k) == '\n') break;
    }
    if (labelEnd < 0) return NONE;
    if (!s.startsWith("PRIVATE KEY", labelEnd - 11) && !s.regionMatches(i + 11, "ENCRYPTED", 0, 9)) return NONE;
    int bodyFrom = labelEnd + 5;
    if (noEndFrom[0] >= 0 && bodyFrom >= noEndFrom[0]) return OPEN;
    int end = s.indexOf("-----END ", bodyFrom);
    if (end < 0 || end >= to) {
      noEndFrom[0] = bodyFrom;
      return OPEN;
    }
    int close = s.indexOf("-----", end + 9);
    if (close < 0 || close >= to || close - end > 80) return OPEN;
    return close + 5;
  }
}
