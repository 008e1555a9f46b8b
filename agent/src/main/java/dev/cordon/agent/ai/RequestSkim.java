package dev.cordon.agent.ai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Reads a plain request body (the common case: model, output cap, stream flag, prompt members, no
 * tools) straight from its bytes, and gives up (null) on anything else, which {@link JsonWire}'s
 * streaming parser then reads. Why: creating a Jackson parser per call (its buffers, its symbol
 * table) cost more than reading a chat request this way, and it runs on every governed call.
 *
 * <p>It is at least as strict as the parser: whatever it reads, the parser reads the same way
 * ({@code RequestSkimPropertiesTest} holds the two to each other on random and damaged bodies). It
 * gives up on tools, nested output caps, an escaped member name or model name, a fractional or
 * very long cap, a container where the model or stream flag should be, invalid UTF-8, deep
 * nesting, a byte-order mark, and any syntax error.
 */
final class RequestSkim {
  private RequestSkim() {}

  /** Nesting the skim follows before leaving the body to the parser (the parser allows 1,000). */
  private static final int MAX_DEPTH = 64;
  private static final int INVALID = -1;
  private static final int MAX_BODY = 1 << 20;

  private static final byte[] MODEL = ascii("model");
  private static final byte[] STREAM = ascii("stream");
  // The parser's own member lists (JsonWire): what it reads inside is left to it.
  private static final byte[][] TOOLS = asciiAll(JsonWire.TOOLS, JsonWire.TOOL_CONFIG);
  private static final byte[][] CAP_PARENTS = asciiAll(JsonWire.CAP_PARENTS);
  private static final byte[][] PROMPTS = asciiAll(JsonWire.PROMPT_MEMBERS);
  private static final byte[][] CAPS = asciiAll(JsonWire.CAP_FIELDS);

  /**
   * The request read from {@code body}, with the prompt members' raw bytes added to {@code digest}
   * in order; null when the parser must read it (the digest then holds partial input: reset it).
   */
  static WireRequest read(byte[] body, MessageDigest digest) {
    int n = body.length;
    // A large body is left to the parser, whose limits (string length...) it must meet anyway.
    if (n > MAX_BODY) return null;
    int i = whitespace(body, 0);
    if (i >= n || body[i] != '{') return null;
    i = whitespace(body, i + 1);
    String model = null;
    long cap = -1;
    String capField = null;
    boolean stream = false;
    boolean sawPrompt = false;
    if (i < n && body[i] == '}') return new WireRequest(null, -1, null, List.of(), false, null);
    while (true) {
      if (i >= n || body[i] != '"') return null;
      int keyStart = i + 1;
      int keyEnd = plainStringEnd(body, i);
      if (keyEnd == INVALID) return null;
      i = whitespace(body, keyEnd + 1);
      if (i >= n || body[i] != ':') return null;
      int valueStart = whitespace(body, i + 1);
      int valueEnd = skipValue(body, valueStart, 1);
      if (valueEnd == INVALID) return null;
      byte first = body[valueStart];
      if (named(body, keyStart, keyEnd, MODEL)) {
        if (first == '"') {
          int end = plainStringEnd(body, valueStart);
          if (end == INVALID) return null;
          model = new String(body, valueStart + 1, end - valueStart - 1, StandardCharsets.UTF_8);
        } else if (first == '{' || first == '[') {
          return null;
        }
      } else if (named(body, keyStart, keyEnd, STREAM)) {
        if (first == '{' || first == '[') return null;
        stream = first == 't';
      } else if (oneOf(body, keyStart, keyEnd, TOOLS) >= 0 || oneOf(body, keyStart, keyEnd, CAP_PARENTS) >= 0) {
        return null;
      } else if (oneOf(body, keyStart, keyEnd, PROMPTS) >= 0) {
        digest.update(body, valueStart, valueEnd - valueStart);
        sawPrompt = true;
      } else {
        int c = oneOf(body, keyStart, keyEnd, CAPS);
        if (c >= 0 && capField == null && (first == '-' || (first >= '0' && first <= '9'))) {
          cap = integer(body, valueStart, valueEnd);
          if (cap == Long.MIN_VALUE) return null;
          capField = JsonWire.CAP_FIELDS[c];
        }
      }
      i = whitespace(body, valueEnd);
      if (i >= n) return null;
      if (body[i] == '}') break;
      if (body[i] != ',') return null;
      i = whitespace(body, i + 1);
    }
    String promptSha = sawPrompt ? java.util.HexFormat.of().formatHex(digest.digest()) : null;
    return new WireRequest(model, cap, capField, List.of(), stream, promptSha);
  }

  /** JSON whitespace skipped from {@code i}. */
  private static int whitespace(byte[] b, int i) {
    while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) i++;
    return i;
  }

  /** Index just past the value at {@code i}, or INVALID. */
  private static int skipValue(byte[] b, int i, int depth) {
    if (i >= b.length) return INVALID;
    switch (b[i]) {
      case '"': {
        int end = stringEnd(b, i);
        return end == INVALID ? INVALID : end + 1;
      }
      case '{':
        return depth > MAX_DEPTH ? INVALID : skipObject(b, i, depth);
      case '[':
        return depth > MAX_DEPTH ? INVALID : skipArray(b, i, depth);
      case 't':
        return literal(b, i, "true");
      case 'f':
        return literal(b, i, "false");
      case 'n':
        return literal(b, i, "null");
      default:
        return number(b, i);
    }
  }

  private static int skipObject(byte[] b, int i, int depth) {
    i = whitespace(b, i + 1);
    if (i < b.length && b[i] == '}') return i + 1;
    while (true) {
      if (i >= b.length || b[i] != '"') return INVALID;
      int keyEnd = stringEnd(b, i);
      if (keyEnd == INVALID) return INVALID;
      i = whitespace(b, keyEnd + 1);
      if (i >= b.length || b[i] != ':') return INVALID;
      i = skipValue(b, whitespace(b, i + 1), depth + 1);
      if (i == INVALID) return INVALID;
      i = whitespace(b, i);
      if (i >= b.length) return INVALID;
      if (b[i] == '}') return i + 1;
      if (b[i] != ',') return INVALID;
      i = whitespace(b, i + 1);
    }
  }

  private static int skipArray(byte[] b, int i, int depth) {
    i = whitespace(b, i + 1);
    if (i < b.length && b[i] == ']') return i + 1;
    while (true) {
      i = skipValue(b, i, depth + 1);
      if (i == INVALID) return INVALID;
      i = whitespace(b, i);
      if (i >= b.length) return INVALID;
      if (b[i] == ']') return i + 1;
      if (b[i] != ',') return INVALID;
      i = whitespace(b, i + 1);
    }
  }

  /**
   * Index of the closing quote of the string opening at {@code i}, or INVALID: escapes must be
   * JSON's, no raw control characters, and multi-byte characters well-formed UTF-8.
   */
  private static int stringEnd(byte[] b, int i) {
    int n = b.length;
    i++;
    while (i < n) {
      int c = b[i] & 0xff;
      if (c == '"') return i;
      if (c < 0x20) return INVALID;
      if (c == '\\') {
        if (i + 1 >= n) return INVALID;
        byte e = b[i + 1];
        if (e == 'u') {
          if (i + 5 >= n) return INVALID;
          for (int k = i + 2; k <= i + 5; k++) if (Character.digit(b[k], 16) < 0) return INVALID;
          i += 6;
        } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
          i += 2;
        } else {
          return INVALID;
        }
      } else if (c < 0x80) {
        i++;
      } else {
        int len = utf8Length(b, i);
        if (len == INVALID) return INVALID;
        i += len;
      }
    }
    return INVALID;
  }

  /** Like {@link #stringEnd} for a string without escapes (a member name, a model), else INVALID. */
  private static int plainStringEnd(byte[] b, int i) {
    int end = stringEnd(b, i);
    if (end == INVALID) return INVALID;
    for (int k = i + 1; k < end; k++) if (b[k] == '\\') return INVALID;
    return end;
  }

  /** Bytes in the well-formed UTF-8 sequence at {@code i} (lead byte at least 0x80), or INVALID. */
  private static int utf8Length(byte[] b, int i) {
    int c = b[i] & 0xff;
    int len;
    int min;
    if (c >= 0xc2 && c <= 0xdf) {
      len = 2;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      len = 3;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      len = 4;
      min = 0x10000;
    } else {
      return INVALID;
    }
    if (i + len > b.length) return INVALID;
    int cp = c & (0xff >> (len + 1));
    for (int k = 1; k < len; k++) {
      int cc = b[i + k] & 0xff;
      if ((cc & 0xc0) != 0x80) return INVALID;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return INVALID;
    return len;
  }

  private static int literal(byte[] b, int i, String word) {
    if (i + word.length() > b.length) return INVALID;
    for (int k = 0; k < word.length(); k++) if (b[i + k] != word.charAt(k)) return INVALID;
    return i + word.length();
  }

  /** Index just past a number as JSON writes it (no leading zeros, no bare dot), or INVALID. */
  private static int number(byte[] b, int i) {
    int n = b.length;
    int start = i;
    if (i < n && b[i] == '-') i++;
    if (i >= n) return INVALID;
    if (b[i] == '0') {
      i++;
    } else if (b[i] >= '1' && b[i] <= '9') {
      while (i < n && b[i] >= '0' && b[i] <= '9') i++;
    } else {
      return INVALID;
    }
    if (i < n && b[i] == '.') {
      int digits = ++i;
      while (i < n && b[i] >= '0' && b[i] <= '9') i++;
      if (i == digits) return INVALID;
    }
    if (i < n && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < n && (b[i] == '+' || b[i] == '-')) i++;
      int digits = i;
      while (i < n && b[i] >= '0' && b[i] <= '9') i++;
      if (i == digits) return INVALID;
    }
    // Far below the parser's limit on a number's length, so that it never refuses what is read here.
    return i - start > 100 ? INVALID : i;
  }

  /** The integer in {@code b[from, to)}, or Long.MIN_VALUE when it has a fraction or exponent or 19+ digits. */
  private static long integer(byte[] b, int from, int to) {
    boolean negative = b[from] == '-';
    int i = negative ? from + 1 : from;
    if (to - i > 18) return Long.MIN_VALUE;
    long v = 0;
    for (; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') return Long.MIN_VALUE;
      v = v * 10 + (b[i] - '0');
    }
    return negative ? -v : v;
  }

  private static boolean named(byte[] b, int from, int to, byte[] name) {
    if (to - from != name.length) return false;
    for (int k = 0; k < name.length; k++) if (b[from + k] != name[k]) return false;
    return true;
  }

  private static int oneOf(byte[] b, int from, int to, byte[][] names) {
    for (int k = 0; k < names.length; k++) if (named(b, from, to, names[k])) return k;
    return -1;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[][] asciiAll(String... names) {
    byte[][] out = new byte[names.length][];
    for (int k = 0; k < names.length; k++) out[k] = ascii(names[k]);
    return out;
  }
}
