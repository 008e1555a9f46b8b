package dev.cordon.redact;

/** MASK: keeps the shape (separators, length) and the last four letters or digits; emails as {@code j***@***.com}. */
final class Masks {
  private Masks() {}

  static String mask(int type, String v) {
    if (type == Types.EMAIL) {
      int dot = v.lastIndexOf('.');
      return v.charAt(0) + "***@***" + v.substring(dot);
    }
    int alnum = 0;
    for (int i = 0; i < v.length(); i++) if (Chars.wordChar(v.charAt(i))) alnum++;
    int keep = alnum >= 8 ? 4 : 0;
    StringBuilder sb = new StringBuilder(v.length());
    int seen = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Chars.wordChar(c)) {
        seen++;
        sb.append(seen > alnum - keep ? c : '*');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
