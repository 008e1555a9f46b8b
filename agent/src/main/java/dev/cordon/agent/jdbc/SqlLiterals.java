package dev.cordon.agent.jdbc;

/**
 * The statement as the audit shows it (spec 9: "sql with literals replaced by ?"): string, number,
 * hex/bit, escape-string and dollar-quoted literals become {@code ?}, comments are dropped, runs of
 * white space become one space. Lexical rather than via the parser on purpose: it must also work
 * for statements the parser cannot read (those are denied, and their audit entry must not leak a
 * literal either). Quoted identifiers are kept. Linear in the input; the result is capped.
 */
final class SqlLiterals {
  private SqlLiterals() {}

  static final int MAX_LENGTH = 4096;

  static String scrub(String sql) {
    if (sql == null) return null;
    int n = sql.length();
    StringBuilder out = new StringBuilder(Math.min(n, MAX_LENGTH + 16));
    int i = 0;
    while (i < n && out.length() <= MAX_LENGTH) {
      char c = sql.charAt(i);
      if (c == '\'') {
        i = skipQuoted(sql, i, '\'');
        out.append('?');
      } else if ((c == 'E' || c == 'e' || c == 'X' || c == 'x' || c == 'B' || c == 'b' || c == 'N' || c == 'n')
          && i + 1 < n && sql.charAt(i + 1) == '\'' && !identPart(sql, i - 1)) {
        i = skipQuoted(sql, i + 1, '\'');
        out.append('?');
      } else if (c == '"' || c == '`') {
        int end = skipQuoted(sql, i, c);
        out.append(sql, i, end);
        i = end;
      } else if (c == '[' ) {
        int end = sql.indexOf(']', i);
        end = end < 0 ? n : end + 1;
        out.append(sql, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end;
        space(out);
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        space(out);
      } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
        int tagEnd = dollarTagEnd(sql, i);
        String tag = sql.substring(i, tagEnd);
        int close = sql.indexOf(tag, tagEnd);
        i = close < 0 ? n : close + tag.length();
        out.append('?');
      } else if (Character.isDigit(c) && !identPart(sql, i - 1)) {
        i = skipNumber(sql, i);
        out.append('?');
      } else if (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)) && !identPart(sql, i - 1)) {
        i = skipNumber(sql, i + 1);
        out.append('?');
      } else if (Character.isWhitespace(c)) {
        space(out);
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
    if (i < n) out.append("…");
    return out.toString().trim();
  }

  private static void space(StringBuilder out) {
    if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') out.append(' ');
  }

  /** Index after the closing quote; a doubled quote is an escaped one. Unterminated: the end. */
  private static int skipQuoted(String s, int open, char q) {
    int i = open + 1;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\\' && q == '\'' && i + 1 < n) {
        i += 2; // backslash escapes (MySQL, PostgreSQL E'..'); over-skipping only hides more
        continue;
      }
      if (c == q) {
        if (i + 1 < n && s.charAt(i + 1) == q) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return n;
  }

  private static int skipNumber(String s, int i) {
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '.' || c == '_') {
        i++;
      } else if ((c == '+' || c == '-') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  /** PostgreSQL dollar quoting: $$ or $tag$; returns the index after the opening tag, or -1. */
  private static int dollarTagEnd(String s, int i) {
    int j = i + 1;
    int n = s.length();
    while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      if (j == i + 1 && Character.isDigit(s.charAt(j))) return -1; // $1 is a parameter
      j++;
    }
    return j < n && s.charAt(j) == '$' ? j + 1 : -1;
  }

  private static boolean identPart(String s, int i) {
    if (i < 0) return false;
    char c = s.charAt(i);
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '"' || c == '`';
  }
}
