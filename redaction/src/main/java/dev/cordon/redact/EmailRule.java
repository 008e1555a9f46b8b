package dev.cordon.redact;

/**
 * EMAIL, found from its '@': a dot-atom local part (letters, digits, {@code ._%+-}, at most 64,
 * not starting or ending with a dot) and a domain of at least two labels whose last one is 2+
 * letters. Both sides are scanned within fixed bounds, so a run of "a@a@a@..." stays linear.
 */
final class EmailRule {
  private EmailRule() {}

  private static final int MAX_LOCAL = 64;
  private static final int MAX_DOMAIN = 253;

  private static boolean local(char c) {
    return Chars.alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  /** End of the email whose '@' is at {@code at}, or -1; the start is written to {@code startOut[0]}. */
  static int match(String s, int at, int lo, int to, int[] startOut) {
    int ls = at;
    int limit = Math.max(lo, at - MAX_LOCAL);
    while (ls > limit && local(s.charAt(ls - 1))) ls--;
    while (ls < at && s.charAt(ls) == '.') ls++;
    if (ls == at || s.charAt(at - 1) == '.') return -1;
    if (ls > lo && ls == limit && local(s.charAt(ls - 1))) return -1; // local part too long to be an address
    int j = at + 1;
    int labelStart = j;
    int dmax = Math.min(to, at + 1 + MAX_DOMAIN);
    while (j < dmax) {
      char c = s.charAt(j);
      if (Chars.alnum(c)) {
        j++;
      } else if (c == '-' && j > labelStart) {
        j++;
      } else if (c == '.' && j > labelStart && s.charAt(j - 1) != '-') {
        j++;
        labelStart = j;
      } else {
        break;
      }
    }
    while (j > at + 1 && (s.charAt(j - 1) == '.' || s.charAt(j - 1) == '-')) j--;
    int lastDot = -1;
    for (int k = j - 1; k > at; k--) {
      if (s.charAt(k) == '.') {
        lastDot = k;
        break;
      }
    }
    if (lastDot < 0 || lastDot == at + 1 || j - lastDot - 1 < 2) return -1;
    for (int k = lastDot + 1; k < j; k++) if (!Chars.letter(s.charAt(k))) return -1;
    startOut[0] = ls;
    return j;
  }
}
