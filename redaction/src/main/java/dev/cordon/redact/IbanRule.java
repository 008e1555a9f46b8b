package dev.cordon.redact;

/**
 * IBAN: country code, two check digits, then the country's fixed-length BBAN, written solid or in
 * groups of four separated by single spaces; accepted only when the length fits the country and
 * the ISO 7064 mod-97 check gives 1.
 */
final class IbanRule {
  private IbanRule() {}

  // Country code and total IBAN length (SWIFT IBAN registry).
  private static final String TABLE =
      "AD24AE23AL28AT20AZ28BA20BE16BG22BH22BR29BY28CH21CR22CY28CZ24DE22DK18DO28EE20EG29ES24FI18FO18FR27"
          + "GB22GE22GI23GL18GR27GT28HR21HU28IE22IL23IQ23IS26IT27JO30KW30KZ20LB28LC32LI21LT20LU20LV21LY25"
          + "MC27MD24ME22MK19MR27MT31MU30NL18NO15PK24PL28PS29PT25QA29RO24RS22SA24SC31SD18SE24SI19SK24SM27"
          + "ST25SV28TL23TN24TR26UA29VA22VG24XK20";
  private static final byte[] LENGTH = new byte[26 * 26];

  static {
    for (int i = 0; i < TABLE.length(); i += 4) {
      int cc = (TABLE.charAt(i) - 'A') * 26 + (TABLE.charAt(i + 1) - 'A');
      LENGTH[cc] = (byte) Integer.parseInt(TABLE.substring(i + 2, i + 4));
    }
  }

  /** End of the IBAN starting at {@code i} (an upper-case letter), or -1. */
  static int match(String s, int i, int to) {
    if (to - i < 15) return -1;
    char a = s.charAt(i);
    char b = s.charAt(i + 1);
    if (!Chars.upper(b) || !Chars.digit(s.charAt(i + 2)) || !Chars.digit(s.charAt(i + 3))) return -1;
    int len = LENGTH[(a - 'A') * 26 + (b - 'A')];
    if (len == 0) return -1;
    char[] v = new char[len];
    int n = 0;
    int j = i;
    int inGroup = 0;
    while (j < to && n < len) {
      char c = s.charAt(j);
      if (Chars.digit(c) || Chars.upper(c)) {
        v[n++] = c;
        inGroup++;
        j++;
      } else if (c == ' ' && inGroup == 4 && j + 1 < to && Chars.alnum(s.charAt(j + 1))) {
        inGroup = 0;
        j++;
      } else {
        return -1;
      }
    }
    if (n < len || (j < to && Chars.wordChar(s.charAt(j)))) return -1;
    return mod97(v) == 1 ? j : -1;
  }

  private static int mod97(char[] v) {
    int r = 0;
    for (int k = 0; k < v.length; k++) {
      char c = v[(k + 4) % v.length];
      if (Chars.digit(c)) {
        r = (r * 10 + (c - '0')) % 97;
      } else {
        r = (r * 100 + (c - 'A' + 10)) % 97;
      }
    }
    return r;
  }
}
