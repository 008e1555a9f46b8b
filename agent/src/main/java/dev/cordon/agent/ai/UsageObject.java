package dev.cordon.agent.ai;

/**
 * Reads one usage object ({@code {"prompt_tokens":9,"completion_tokens":12,...}}) straight from the
 * bytes, for {@link UsageReader}'s shortcut: the counts under every provider's naming, both of
 * them or nothing. It accepts only the plain shape providers send (keys without escapes, integer
 * counts, any other value skipped); anything else (an escape in a key, a fraction, an exponent, a
 * number too long, a truncated or malformed object) answers null, and the caller tokenises the
 * whole document instead, so a doubtful body never gets a guessed answer.
 */
final class UsageObject {
  private UsageObject() {}

  private static final byte[][] INPUT = names("prompt_tokens", "input_tokens", "promptTokenCount", "inputTokens");
  private static final byte[][] OUTPUT = names("completion_tokens", "output_tokens", "candidatesTokenCount", "outputTokens");

  /** The object whose '{' is at {@code at}, read up to {@code to}; null unless both counts are there. */
  static Usage read(byte[] b, int at, int to) {
    long in = -1;
    long out = -1;
    int i = space(b, at + 1, to);
    if (i < to && b[i] == '}') return null;
    while (true) {
      if (i >= to || b[i] != '"') return null;
      int keyStart = i + 1;
      int keyEnd = keyStart;
      while (keyEnd < to && b[keyEnd] != '"') {
        if (b[keyEnd] == '\\' || b[keyEnd] < 0x20) return null; // an escape, a control or non-ASCII byte: the full scan's call
        keyEnd++;
      }
      if (keyEnd >= to) return null;
      i = space(b, keyEnd + 1, to);
      if (i >= to || b[i] != ':') return null;
      i = space(b, i + 1, to);
      if (i >= to) return null;
      byte c = b[i];
      if (c == '-' || (c >= '0' && c <= '9')) {
        int start = i;
        if (c == '-') i++;
        long v = 0;
        int digits = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
          v = v * 10 + (b[i] - '0');
          i++;
          // 18 digits always fit a long; JSON forbids leading zeros (the full scan decides those).
          if (++digits > 18 || (digits == 2 && b[i - 2] == '0')) return null;
        }
        // A fraction or exponent (or no digits, or "12x"): the full scan decides what it means.
        if (digits == 0 || (i < to && b[i] != ',' && b[i] != '}' && !isSpace(b[i]))) return null;
        if (b[start] == '-') v = -v;
        if (isOneOf(b, keyStart, keyEnd, INPUT)) in = v;
        else if (isOneOf(b, keyStart, keyEnd, OUTPUT)) out = v;
      } else {
        i = skipValue(b, i, to, 1);
        if (i < 0) return null;
      }
      i = space(b, i, to);
      if (i >= to) return null;
      if (b[i] == '}') break;
      if (b[i] != ',') return null;
      i = space(b, i + 1, to);
    }
    return in >= 0 && out >= 0 ? new Usage(in, out) : null;
  }

  /** Containers nested deeper than this inside a usage object are left to the full scan. */
  private static final int MAX_DEPTH = 32;

  /**
   * The index after the JSON value starting at {@code i}, checked as strictly as the full scan's
   * parser checks it; -1 when it is malformed, cut off, nested too deep, or holds a string this
   * reader does not vouch for (an escape other than JSON's, a control character, a non-ASCII byte).
   */
  private static int skipValue(byte[] b, int i, int to, int depth) {
    if (i >= to) return -1;
    byte c = b[i];
    if (c == '"') return afterString(b, i, to);
    if (c == '-' || (c >= '0' && c <= '9')) return afterNumber(b, i, to);
    if (c == '{' || c == '[') {
      if (depth >= MAX_DEPTH) return -1;
      boolean object = c == '{';
      byte close = object ? (byte) '}' : (byte) ']';
      i = space(b, i + 1, to);
      if (i < to && b[i] == close) return i + 1;
      while (true) {
        if (object) {
          if (i >= to || b[i] != '"') return -1;
          i = afterString(b, i, to);
          if (i < 0) return -1;
          i = space(b, i, to);
          if (i >= to || b[i] != ':') return -1;
          i = space(b, i + 1, to);
        }
        i = skipValue(b, i, to, depth + 1);
        if (i < 0) return -1;
        i = space(b, i, to);
        if (i >= to) return -1;
        if (b[i] == close) return i + 1;
        if (b[i] != ',') return -1;
        i = space(b, i + 1, to);
      }
    }
    if (literal(b, i, to, TRUE) || literal(b, i, to, NULL)) return i + 4;
    if (literal(b, i, to, FALSE)) return i + 5;
    return -1;
  }

  /** JSON's number grammar: {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}; -1 if it does not hold. */
  private static int afterNumber(byte[] b, int i, int to) {
    if (i < to && b[i] == '-') i++;
    if (i >= to || !digit(b[i])) return -1;
    if (b[i] == '0') i++;
    else while (i < to && digit(b[i])) i++;
    if (i < to && b[i] == '.') {
      int d = ++i;
      while (i < to && digit(b[i])) i++;
      if (i == d) return -1;
    }
    if (i < to && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < to && (b[i] == '+' || b[i] == '-')) i++;
      int d = i;
      while (i < to && digit(b[i])) i++;
      if (i == d) return -1;
    }
    // A number must end where the document says so; "12x" is not one.
    return i >= to || b[i] == ',' || b[i] == '}' || b[i] == ']' || isSpace(b[i]) ? i : -1;
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private static boolean literal(byte[] b, int i, int to, byte[] word) {
    if (to - i < word.length) return false;
    for (int j = 0; j < word.length; j++) if (b[i + j] != word[j]) return false;
    int after = i + word.length;
    return after >= to || b[after] == ',' || b[after] == '}' || b[after] == ']' || isSpace(b[after]);
  }

  /**
   * The index after the string whose opening quote is at {@code i}; -1 if it is cut off, holds a
   * control character or an escape JSON does not define, or any non-ASCII byte (whether it is
   * valid UTF-8 is the full scan's to judge).
   */
  private static int afterString(byte[] b, int i, int to) {
    for (i++; i < to; i++) {
      byte c = b[i];
      if (c == '"') return i + 1;
      if (c < 0x20) return -1; // also every byte >= 0x80 (negative as a Java byte)
      if (c != '\\') continue;
      if (++i >= to) return -1;
      switch (b[i]) {
        case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> { }
        case 'u' -> {
          if (to - i <= 4) return -1;
          for (int j = 1; j <= 4; j++) if (Character.digit(b[i + j], 16) < 0) return -1;
          i += 4;
        }
        default -> {
          return -1;
        }
      }
    }
    return -1;
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private static int space(byte[] b, int i, int to) {
    while (i < to && isSpace(b[i])) i++;
    return i;
  }

  private static boolean isOneOf(byte[] b, int from, int to, byte[][] names) {
    for (byte[] n : names) {
      if (n.length != to - from) continue;
      boolean same = true;
      for (int j = 0; j < n.length && same; j++) same = b[from + j] == n[j];
      if (same) return true;
    }
    return false;
  }

  private static byte[][] names(String... names) {
    byte[][] out = new byte[names.length][];
    for (int i = 0; i < names.length; i++) out[i] = names[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return out;
  }
}
