package dev.cordon.redact;

/**
 * One left-to-right pass over the text for every enabled built-in type. A 128-entry table says
 * which ASCII characters can start (or, for key prefixes, end the prefix of) something worth
 * checking: '@', digits, '+', '(', ':', upper-case letters, and the rare punctuation of key
 * prefixes ('-' of "sk-", "xoxb-" and PEM, '_' of "ghp_", "sk_live_", "github_pat_", 'J' of
 * "eyJ"). Ordinary prose triggers almost nothing, which matters more than it seems: a trigger on
 * common letters makes the per-character branch unpredictable and halves the speed on fresh
 * text. Each trigger runs a bounded, hand-written validator and, on a match, the scan resumes after
 * it, so the whole pass is linear in the input.
 */
final class BuiltinScanner {
  private static final byte T_DIGIT = 1;
  private static final byte T_AT = 2;
  private static final byte T_COLON = 3;
  private static final byte T_PLUS = 4;
  private static final byte T_PAREN = 5;
  private static final byte T_UPPER = 6;
  private static final byte T_DASH = 7;
  private static final byte T_UNDERSCORE = 8;
  private static final byte T_CTRL = 9;

  private final byte[] table = new byte[128];
  private final int mask;
  private final boolean email;
  private final boolean phone;
  private final boolean card;
  private final boolean iban;
  private final boolean ssn;
  private final boolean ip;
  private final boolean secret;
  private final boolean invisible;

  BuiltinScanner(int mask) {
    this.mask = mask;
    email = on(Types.EMAIL);
    phone = on(Types.PHONE);
    card = on(Types.CREDIT_CARD);
    iban = on(Types.IBAN);
    ssn = on(Types.US_SSN);
    ip = on(Types.IP_ADDRESS);
    secret = on(Types.SECRET);
    invisible = on(Types.INVISIBLE);
    if (phone || card || ssn || ip) for (char c = '0'; c <= '9'; c++) table[c] = T_DIGIT;
    if (email) table['@'] = T_AT;
    if (ip) table[':'] = T_COLON;
    if (phone) {
      table['+'] = T_PLUS;
      table['('] = T_PAREN;
    }
    if (iban) for (char c = 'A'; c <= 'Z'; c++) table[c] = T_UPPER;
    if (secret) {
      table['A'] = T_UPPER;
      table['J'] = T_UPPER;
      table['-'] = T_DASH;
      table['_'] = T_UNDERSCORE;
    }
    if (invisible) {
      for (char c = 0; c < 0x20; c++) if (c != '\t' && c != '\n' && c != '\r') table[c] = T_CTRL;
      table[0x7f] = T_CTRL;
    }
  }

  private boolean on(int type) {
    return (mask & (1 << type)) != 0;
  }

  boolean idle() {
    return mask == 0;
  }

  /** A key starting at {@code st} if {@code st} starts a token, else -1. */
  private static int keyAt(String s, int st, int from, int to) {
    if (st < from || (st > from && (Chars.keyChar(s.charAt(st - 1)) || s.charAt(st - 1) == '.'))) return -1;
    return SecretRules.key(s, st, to);
  }

  /**
   * Adds what it finds in {@code s[from, to)} to {@code out}. Returns -1, or (when {@code last} is
   * false) the start of a private-key block whose end has not arrived yet: a stream must hold the
   * text back from there. With {@code last} true such a block is redacted to the end of the text.
   */
  int scan(String s, int from, int to, boolean last, Findings out) {
    int[] tmp = new int[2];
    int[] noPemEnd = {-1};
    int ipv6Skip = -1;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 128) {
        if (invisible) {
          int n = Invisible.at(s, i, to);
          if (n > 0) {
            out.add(i, i + n, Types.INVISIBLE);
            i += n - 1;
          }
        }
        continue;
      }
      byte t = table[c];
      if (t == 0) continue;
      char p = i > from ? s.charAt(i - 1) : ' ';
      int e;
      switch (t) {
        case T_DIGIT -> {
          if (Chars.wordChar(p) || p == '.' || p == '-' || p == '+') break;
          if (ip && (e = NumberRules.ipv4(s, i, to)) > 0) {
            out.add(i, e, Types.IP_ADDRESS);
            i = e - 1;
            break;
          }
          if (ssn && (e = NumberRules.ssn(s, i, from, to)) > 0) {
            out.add(i, e, Types.US_SSN);
            i = e - 1;
            break;
          }
          if (card && (e = NumberRules.card(s, i, to)) > 0) {
            out.add(i, e, Types.CREDIT_CARD);
            i = e - 1;
            break;
          }
          if (phone && (e = NumberRules.phone(s, i, from, to)) > 0) {
            out.add(i, e, Types.PHONE);
            i = e - 1;
            break;
          }
          while (i + 1 < to && Chars.digit(s.charAt(i + 1))) i++;
        }
        case T_AT -> {
          if ((e = EmailRule.match(s, i, from, to, tmp)) > 0) {
            out.add(tmp[0], e, Types.EMAIL);
            i = e - 1;
          }
        }
        case T_COLON -> {
          if (i < ipv6Skip) break;
          if ((e = Ipv6Rule.match(s, i, from, to, tmp)) > 0) {
            out.add(tmp[0], e, Types.IP_ADDRESS);
            i = e - 1;
          } else {
            ipv6Skip = tmp[1];
          }
        }
        case T_PLUS, T_PAREN -> {
          if (Chars.wordChar(p) || i + 1 >= to || !Chars.digit(s.charAt(i + 1))) break;
          if ((e = NumberRules.phone(s, i, from, to)) > 0) {
            out.add(i, e, Types.PHONE);
            i = e - 1;
          }
        }
        case T_UPPER -> {
          if (secret && c == 'J' && p == 'y') { // "eyJ": a JWT, looked up from its third letter
            if ((e = keyAt(s, i - 2, from, to)) > 0) {
              out.add(i - 2, e, Types.SECRET);
              i = e - 1;
            }
            break;
          }
          if (Chars.wordChar(p)) break;
          if (iban && (e = IbanRule.match(s, i, to)) > 0) {
            out.add(i, e, Types.IBAN);
            i = e - 1;
          } else if (secret && c == 'A' && (e = SecretRules.key(s, i, to)) > 0) {
            out.add(i, e, Types.SECRET);
            i = e - 1;
          }
        }
        case T_UNDERSCORE -> { // "sk_live_", "rk_test_", "ghp_", "github_pat_"
          if (!Chars.lower(p)) break;
          int st = i >= from + 2 && s.charAt(i - 1) == 'k' ? i - 2
              : i >= from + 3 && s.charAt(i - 3) == 'g' ? i - 3
              : i >= from + 6 && s.charAt(i - 6) == 'g' ? i - 6 : -1;
          if (st >= 0 && (e = keyAt(s, st, from, to)) > 0) {
            out.add(st, e, Types.SECRET);
            i = e - 1;
          }
        }
        case T_DASH -> {
          if (Chars.lower(p)) { // "sk-...", "xoxb-..."
            int st = i >= from + 2 && p == 'k' && s.charAt(i - 2) == 's' ? i - 2
                : i >= from + 4 && s.charAt(i - 4) == 'x' ? i - 4 : -1;
            if (st >= 0 && (e = keyAt(s, st, from, to)) > 0) {
              out.add(st, e, Types.SECRET);
              i = e - 1;
            }
            break;
          }
          if (i + 1 >= to || s.charAt(i + 1) != '-') break;
          e = SecretRules.pem(s, i, to, noPemEnd);
          if (e > 0) {
            out.add(i, e, Types.SECRET);
            i = e - 1;
          } else if (e == SecretRules.OPEN) {
            if (!last) return i;
            out.add(i, to, Types.SECRET);
            return -1;
          } else {
            while (i + 1 < to && s.charAt(i + 1) == '-') i++;
          }
        }
        case T_CTRL -> out.add(i, i + 1, Types.INVISIBLE);
        default -> { }
      }
    }
    return -1;
  }
}
