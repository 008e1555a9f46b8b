package dev.cordon.redact;

/**
 * The types that start with a digit (or '+', '('): IP_ADDRESS (v4), US_SSN, CREDIT_CARD, PHONE.
 * Each reads a bounded window (at most ~40 characters) from the start of a number, so scanning
 * stays linear whatever the input. Formats accepted are listed in docs/redaction.md.
 */
final class NumberRules {
  private NumberRules() {}

  private static final int CONTEXT = 40;

  // ---- IPv4 ---------------------------------------------------------------------------------

  /** End of a dotted-quad starting at {@code i}, or -1. */
  static int ipv4(String s, int i, int to) {
    int j = i;
    for (int part = 0; part < 4; part++) {
      if (part > 0) {
        if (j >= to || s.charAt(j) != '.') return -1;
        j++;
      }
      int v = 0;
      int d = 0;
      while (j < to && d < 4 && Chars.digit(s.charAt(j))) {
        v = v * 10 + (s.charAt(j) - '0');
        d++;
        j++;
      }
      if (d == 0 || d > 3 || v > 255 || (d > 1 && s.charAt(j - d) == '0')) return -1;
    }
    if (j < to) {
      char c = s.charAt(j);
      if (Chars.wordChar(c)) return -1;
      if (c == '.' && j + 1 < to && Chars.digit(s.charAt(j + 1))) return -1;
    }
    return j;
  }

  // ---- US SSN -------------------------------------------------------------------------------

  /** ddd-dd-dddd (always), or ddd dd dddd / 9 bare digits after a context word. */
  static int ssn(String s, int i, int lo, int to) {
    if (to - i < 9) return -1;
    int j;
    char sep = s.charAt(i + 3);
    if (sep == '-' || sep == ' ') {
      if (to - i < 11 || s.charAt(i + 6) != sep) return -1;
      if (!digits(s, i, 3) || !digits(s, i + 4, 2) || !digits(s, i + 7, 4)) return -1;
      j = i + 11;
    } else {
      if (!digits(s, i, 9)) return -1;
      j = i + 9;
    }
    if (j < to && (Chars.wordChar(s.charAt(j)) || s.charAt(j) == '-'
        || (s.charAt(j) == sep && j + 1 < to && Chars.digit(s.charAt(j + 1))))) {
      return -1;
    }
    int off = sep == '-' || sep == ' ' ? 1 : 0;
    int area = num(s, i, 3);
    int group = num(s, i + 3 + off, 2);
    int serial = num(s, i + 5 + 2 * off, 4);
    if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) return -1;
    if (sep != '-' && !hasContext(s, i, lo, SSN_WORDS)) return -1;
    return j;
  }

  private static final String[] SSN_WORDS = {"ssn", "social security", "soc sec", "ss#", "ss #", "taxpayer"};

  // ---- credit cards -------------------------------------------------------------------------

  /**
   * 13-19 digits, solid or in groups of 3-6 separated by one space or one dash (the same
   * throughout), issuer prefix 2-6, Luhn-valid. When the full run fails, shorter runs ending at
   * a group boundary are tried (a card followed by its CVV).
   */
  static int card(String s, int i, int to) {
    char first = s.charAt(i);
    if (first < '2' || first > '6' || digitsAhead(s, i, to, 24) < 13) return -1;
    int[] ends = new int[8]; // group ends (index in s) and digit counts there
    int[] counts = new int[8];
    int groups = 0;
    int n = 0;
    int group = 0;
    char sep = 0;
    int j = i;
    while (j < to) {
      char c = s.charAt(j);
      if (Chars.digit(c)) {
        if (++n > 19 && sep == 0) return -1;
        if (n > 19) break;
        group++;
        j++;
      } else if ((c == ' ' || c == '-') && group > 0 && (sep == 0 || sep == c) && j + 1 < to
          && Chars.digit(s.charAt(j + 1)) && groups < 7) {
        if (group < 3 || group > 6 || (c == ' ' && !groupAhead(s, j + 1, to))) break;
        ends[groups] = j;
        counts[groups++] = n;
        sep = c;
        group = 0;
        j++;
      } else {
        break;
      }
    }
    boolean whole = n <= 19 && !(j < to && (Chars.wordChar(s.charAt(j)) || s.charAt(j) == '@'));
    if (sep == 0 && !whole) return -1;
    if (whole && group >= (sep == 0 ? 13 : 1) && group <= (sep == 0 ? 19 : 6)) {
      ends[groups] = j;
      counts[groups++] = n;
    }
    // Card-length groups inside an IBAN-like run ("DE24 2762 5245 ...") are the IBAN's, not a card.
    if (sep == ' ' && insideGroupedRun(s, i)) return -1;
    for (int g = groups - 1; g >= 0; g--) {
      int count = counts[g];
      if (count < 13 || count > 19) continue;
      if (sep != 0 && g == 0) continue;
      boolean last = g == groups - 1 && whole;
      // A shorter run must be followed by something CVV-like (3-4 digits) and nothing more.
      if (!last && !(g == groups - 2 && whole && counts[g + 1] - count >= 3 && counts[g + 1] - count <= 4)
          && !(g == groups - 1 && !whole)) {
        continue;
      }
      if (luhn(s, i, ends[g])) return ends[g];
    }
    return -1;
  }

  /**
   * Whether a digit group after a space belongs to the number: not when it runs into a letter, a
   * ':' (a time) or a '.' and a digit (a version), as in "4111 1111 1111 1111 17:10:26".
   */
  private static boolean groupAhead(String s, int k, int to) {
    while (k < to && Chars.digit(s.charAt(k))) k++;
    if (k == to) return true;
    char c = s.charAt(k);
    if (Chars.letter(c) || c == ':') return false;
    return !(c == '.' && k + 1 < to && Chars.digit(s.charAt(k + 1)));
  }

  /**
   * Whether {@code i} starts a group inside a longer space-grouped run: right after "<digit> ", or
   * after groups of four letters/digits that go back to an IBAN-like "CCdd" head.
   */
  static boolean insideGroupedRun(String s, int i) {
    if (i < 2 || s.charAt(i - 1) != ' ') return false;
    int k = i - 1;
    for (int groups = 0; groups < 9 && k >= 4; groups++) {
      // s[k] == ' ', the group before it is s[k-4, k)
      int g = k - 4;
      for (int x = g; x < k; x++) if (!(Chars.digit(s.charAt(x)) || Chars.upper(s.charAt(x)))) return false;
      if (g > 0 && Chars.wordChar(s.charAt(g - 1))) return false;
      if (Chars.upper(s.charAt(g)) && Chars.upper(s.charAt(g + 1)) && Chars.digit(s.charAt(g + 2))
          && Chars.digit(s.charAt(g + 3))) {
        return true;
      }
      if (g == 0 || s.charAt(g - 1) != ' ') return false;
      k = g - 1;
    }
    return false;
  }

  static boolean luhn(String s, int from, int to) {
    int sum = 0;
    boolean dbl = false;
    for (int k = to - 1; k >= from; k--) {
      char c = s.charAt(k);
      if (!Chars.digit(c)) continue;
      int d = c - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  // ---- phones -------------------------------------------------------------------------------

  private static final String[] PHONE_WORDS = {"phone", "tel", "call", "mobile", "cell", "fax", "whatsapp",
      "telefon", "téléphone", "telefono", "teléfono", "handy", "contact"};

  /**
   * PHONE starting at {@code i} ('+', '(' or a digit): +CC then 7-14 digits in groups; NANP
   * (NXX) NXX-XXXX, NXX-NXX-XXXX, NXX.NXX.XXXX, NXX NXX XXXX, 1-NXX-NXX-XXXX; national numbers
   * starting with 0 in 3+ groups of 2-4 digits (9-11 digits); or 10-11 bare digits right after a phone word.
   */
  static int phone(String s, int i, int lo, int to) {
    char c0 = s.charAt(i);
    if (digitsAhead(s, i, to, 20) < 8) return -1;
    // A group in the middle of a longer number ("... 0329 17") or of an IBAN is not a phone.
    if (c0 != '+' && i >= 2 && s.charAt(i - 1) == ' ' && (Chars.digit(s.charAt(i - 2)) || insideGroupedRun(s, i))) return -1;
    int j = i;
    boolean plus = c0 == '+';
    if (plus) j++;
    int[] g = new int[8]; // digits per group
    int[] ends = new int[8]; // where each group ends
    char[] seps = new char[8]; // separator after each group (0 = none yet)
    int groups = 0;
    int n = 0;
    int len = 0;
    boolean paren = false;
    while (j < to && groups < 7) {
      char c = s.charAt(j);
      if (Chars.digit(c)) {
        if (n == 15) break;
        len++;
        n++;
        j++;
      } else if (c == '(' && len == 0 && !paren && j + 4 < to && s.charAt(j + 4) == ')') {
        paren = true;
        j++;
      } else if (c == ')' && paren && len == 3 && groups <= 1) {
        ends[groups] = j;
        seps[groups] = ')';
        g[groups++] = len;
        len = 0;
        j++;
        if (j < to && s.charAt(j) == ' ') j++;
      } else if ((c == ' ' || c == '-' || c == '.') && len > 0 && j + 1 < to
          && (Chars.digit(s.charAt(j + 1)) || s.charAt(j + 1) == '(')) {
        ends[groups] = j;
        seps[groups] = c;
        g[groups++] = len;
        len = 0;
        j++;
      } else {
        break;
      }
    }
    if (len > 0) {
      ends[groups] = j;
      g[groups++] = len;
    }
    // The longest run of whole groups that reads as a phone number wins.
    for (int k = groups; k >= 1; k--) {
      int end = ends[k - 1];
      if (k < groups && seps[k - 1] != ' ') continue; // only a space may separate a number from what follows
      if (k == groups && end < to) {
        char c = s.charAt(end);
        if (Chars.wordChar(c) || c == '@') continue;
        if ((c == '.' || c == '-') && end + 1 < to && Chars.digit(s.charAt(end + 1))) continue;
      }
      if (phoneShape(s, i, lo, end, g, seps, k, plus, c0 == '(' || (paren && k >= 2))) return end;
    }
    return -1;
  }

  private static boolean phoneShape(String s, int i, int lo, int end, int[] g, char[] seps, int k, boolean plus,
      boolean paren) {
    int n = 0;
    for (int x = 0; x < k; x++) n += g[x];
    if (plus) {
      if (n < 8 || n > 15 || s.charAt(i + 1) == '0') return false;
      for (int x = 1; x < k; x++) if (g[x] < 2) return false;
      return true;
    }
    char sep = 0;
    boolean mixed = false;
    for (int x = 0; x < k - 1; x++) {
      char c = seps[x];
      if (c == ')') continue;
      if (sep != 0 && sep != c) mixed = true;
      sep = c;
    }
    boolean nxx = k == 3 && g[0] == 3 && g[1] == 3 && g[2] == 4 && nanp(s, i, end);
    if (paren) return nxx && (sep == '-' || sep == ' ' || sep == 0) && seps[0] == ')';
    if (mixed) return false;
    if (k > 1) {
      if (nxx) return true;
      if (k == 4 && g[0] == 1 && s.charAt(i) == '1' && g[1] == 3 && g[2] == 3 && g[3] == 4 && nanp(s, i + 2, end)) {
        return true;
      }
      if (s.charAt(i) == '0' && k >= 3 && n >= 9 && n <= 11 && g[0] >= 2 && g[0] <= 4 && s.charAt(i + 1) != '0') {
        for (int x = 1; x < k; x++) if (g[x] < 2 || g[x] > 4) return false;
        return true;
      }
      return false;
    }
    return (n == 10 || n == 11) && hasContext(s, i, lo, PHONE_WORDS);
  }

  /** North American numbering: area code and exchange both start 2-9. */
  private static boolean nanp(String s, int from, int to) {
    int d = 0;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (!Chars.digit(c)) continue;
      if ((d == 0 || d == 3) && c < '2') return false;
      d++;
    }
    return d == 10;
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Digits among the next {@code window} characters, stopping at the first character no number format uses. */
  private static int digitsAhead(String s, int i, int to, int window) {
    int n = 0;
    int end = Math.min(to, i + window);
    for (int k = i; k < end; k++) {
      char c = s.charAt(k);
      if (Chars.digit(c)) n++;
      else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '+') break;
    }
    return n;
  }

  private static boolean digits(String s, int from, int n) {
    for (int k = from; k < from + n; k++) if (!Chars.digit(s.charAt(k))) return false;
    return true;
  }

  private static int num(String s, int from, int n) {
    int v = 0;
    for (int k = from; k < from + n; k++) v = v * 10 + (s.charAt(k) - '0');
    return v;
  }

  /** Whether one of the (lower-case) words occurs in the {@value #CONTEXT} characters before {@code i}. */
  static boolean hasContext(String s, int i, int lo, String[] words) {
    int from = Math.max(lo, i - CONTEXT);
    for (String w : words) {
      int wl = w.length();
      for (int k = i - wl; k >= from; k--) {
        if (s.regionMatches(true, k, w, 0, wl)) return true;
      }
    }
    return false;
  }
}
