package dev.cordon.agent.audit;

/**
 * JSON string escaping for audit lines. Values come from the application (prompts' hashes, SQL,
 * file paths, thread names, exception messages) and may be hostile, so the output must stay one
 * valid JSON line whatever they contain: every control character is escaped, U+2028/U+2029 too
 * (they end lines in JavaScript tooling), and unpaired UTF-16 surrogates - which have no UTF-8
 * encoding - become U+FFFD instead of being mangled by the charset encoder.
 */
final class JsonText {
  private JsonText() {}

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /**
   * Longest string value kept whole. An audit line must stay far below the verifier's line limit
   * ({@link LogTail#MAX_LINE}) whatever the application passes in (a huge SQL batch, say).
   */
  static final int MAX_VALUE_CHARS = 1 << 20;

  /** Appends {@code s} as a quoted JSON string, cut to {@link #MAX_VALUE_CHARS} with a note. */
  static void appendString(StringBuilder out, String s) {
    out.append('"');
    int n = Math.min(s.length(), MAX_VALUE_CHARS);
    if (n < s.length() && Character.isHighSurrogate(s.charAt(n - 1))) n--; // keep pairs whole
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default:
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            appendUnicodeEscape(out, c);
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
              out.append(c).append(s.charAt(++i));
            } else {
              out.append("\\ufffd");
            }
          } else if (Character.isLowSurrogate(c)) {
            out.append("\\ufffd");
          } else {
            out.append(c);
          }
      }
    }
    if (n < s.length()) out.append("...[").append(s.length() - n).append(" more chars]");
    out.append('"');
  }

  private static void appendUnicodeEscape(StringBuilder out, char c) {
    out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
  }
}
