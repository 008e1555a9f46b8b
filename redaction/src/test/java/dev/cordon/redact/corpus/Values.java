package dev.cordon.redact.corpus;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/** Realistic values of each type, and look-alikes that are not, for the labelled corpus. */
final class Values {
  private final Random r;

  Values(Random r) {
    this.r = r;
  }

  <T> T pick(List<T> l) {
    return l.get(r.nextInt(l.size()));
  }

  String digits(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) sb.append((char) ('0' + r.nextInt(10)));
    return sb.toString();
  }

  String chars(String alphabet, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    return sb.toString();
  }

  static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  static final String B64URL = ALNUM + "-_";
  static final String B64 = ALNUM + "+/";
  static final String UPNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  // ---- positives ----------------------------------------------------------------------------

  static final List<String> FIRST = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan",
      "judy", "mallory", "oscar", "peggy", "trent", "victor", "walter", "zoe", "li", "jose", "francois", "anna");
  static final List<String> LAST = List.of("smith", "jones", "nguyen", "garcia", "müller", "rossi", "kim", "dubois",
      "schmidt", "tanaka", "ivanov", "silva", "o.brien", "van-dijk", "lee");
  static final List<String> DOMAINS = List.of("example.com", "acme.io", "mail.example.org", "corp.example.co.uk",
      "gmail.com", "outlook.fr", "web.de", "uni-example.edu", "startup.ai", "example.museum");

  String email() {
    String local = switch (r.nextInt(5)) {
      case 0 -> pick(FIRST);
      case 1 -> pick(FIRST) + "." + pick(LAST).replace("ü", "u");
      case 2 -> pick(FIRST) + r.nextInt(100);
      case 3 -> pick(FIRST) + "+" + pick(List.of("billing", "news", "test"));
      default -> pick(FIRST).charAt(0) + "_" + pick(LAST).replace("ü", "ue");
    };
    String e = local + "@" + pick(DOMAINS);
    return r.nextInt(8) == 0 ? e.toUpperCase(java.util.Locale.ROOT) : e;
  }

  String phone() {
    String area = (char) ('2' + r.nextInt(8)) + digits(2);
    String exch = (char) ('2' + r.nextInt(8)) + digits(2);
    String line = digits(4);
    return switch (r.nextInt(9)) {
      case 0 -> "(" + area + ") " + exch + "-" + line;
      case 1 -> area + "-" + exch + "-" + line;
      case 2 -> area + "." + exch + "." + line;
      case 3 -> "+1 " + area + " " + exch + " " + line;
      case 4 -> "+1" + area + exch + line;
      case 5 -> "+44 20 " + digits(4) + " " + digits(4);
      case 6 -> "0" + (1 + r.nextInt(9)) + " " + digits(2) + " " + digits(2) + " " + digits(2) + " " + digits(2);
      case 7 -> "+49 30 " + digits(7);
      default -> "+1 (" + area + ") " + exch + "-" + line;
    };
  }

  String card() {
    String prefix;
    int len;
    switch (r.nextInt(5)) {
      case 0 -> { prefix = "4"; len = 16; }
      case 1 -> { prefix = "5" + (1 + r.nextInt(5)); len = 16; }
      case 2 -> { prefix = r.nextBoolean() ? "34" : "37"; len = 15; }
      case 3 -> { prefix = "6011"; len = 16; }
      default -> { prefix = "2" + (221 + r.nextInt(499)); len = 16; }
    }
    String body = prefix + digits(len - prefix.length() - 1);
    String number = body + luhnDigit(body);
    return format(number, len == 15 ? new int[] {4, 6, 5} : new int[] {4, 4, 4, 4});
  }

  String format(String number, int[] groups) {
    int style = r.nextInt(3);
    if (style == 0) return number;
    String sep = style == 1 ? " " : "-";
    StringBuilder sb = new StringBuilder();
    int at = 0;
    for (int g : groups) {
      if (at > 0) sb.append(sep);
      sb.append(number, at, at + g);
      at += g;
    }
    return sb.toString();
  }

  static int luhnDigit(String body) {
    int sum = 0;
    boolean dbl = true;
    for (int i = body.length() - 1; i >= 0; i--) {
      int d = body.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
      dbl = !dbl;
    }
    return (10 - sum % 10) % 10;
  }

  static boolean luhn(String digits) {
    return luhnDigit(digits.substring(0, digits.length() - 1)) == digits.charAt(digits.length() - 1) - '0';
  }

  // country, BBAN shape: n = digits, a = upper-case letters, c = alphanumerics
  static final List<String[]> IBAN_SHAPES = List.of(new String[] {"DE", "nnnnnnnnnnnnnnnnnn"},
      new String[] {"GB", "aaaannnnnnnnnnnnnn"}, new String[] {"FR", "nnnnnnnnnncccccccccccnn"},
      new String[] {"ES", "nnnnnnnnnnnnnnnnnnnn"}, new String[] {"IT", "annnnnnnnnncccccccccccc"},
      new String[] {"NL", "aaaannnnnnnnnn"}, new String[] {"CH", "nnnnncccccccccccc"},
      new String[] {"BE", "nnnnnnnnnnnn"}, new String[] {"PL", "nnnnnnnnnnnnnnnnnnnnnnnn"},
      new String[] {"AT", "nnnnnnnnnnnnnnnn"}, new String[] {"NO", "nnnnnnnnnnn"});

  String iban(boolean valid) {
    String[] shape = pick(IBAN_SHAPES);
    StringBuilder bban = new StringBuilder();
    for (char c : shape[1].toCharArray()) {
      bban.append(c == 'n' ? digits(1) : c == 'a' ? chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1) : chars(UPNUM, 1));
    }
    int check = 98 - mod97(bban + shape[0] + "00");
    if (!valid) check = (check + 1 + r.nextInt(96)) % 97 + (check < 2 ? 2 : 0);
    if (!valid && check < 2) check += 2;
    String iban = shape[0] + String.format("%02d", check) + bban;
    if (r.nextBoolean()) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < iban.length(); i += 4) {
        if (i > 0) sb.append(' ');
        sb.append(iban, i, Math.min(iban.length(), i + 4));
      }
      return sb.toString();
    }
    return iban;
  }

  static int mod97(String s) {
    StringBuilder n = new StringBuilder();
    for (char c : s.toCharArray()) n.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    return new BigInteger(n.toString()).mod(BigInteger.valueOf(97)).intValue();
  }

  String ssnDashed() {
    int area = 1 + r.nextInt(899);
    if (area == 666) area = 667;
    return String.format("%03d-%02d-%04d", area, 1 + r.nextInt(99), 1 + r.nextInt(9999));
  }

  String ipv4() {
    return (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
  }

  String ipv6() {
    return switch (r.nextInt(4)) {
      case 0 -> "2001:db8:" + hex4() + ":" + hex4() + "::" + hex4();
      case 1 -> "fe80::" + hex4() + ":" + hex4() + ":" + hex4() + ":" + (1 + r.nextInt(9));
      case 2 -> "2001:0db8:85a3:0000:0000:8a2e:0370:" + String.format("%04x", r.nextInt(65536));
      default -> "::1";
    };
  }

  private String hex4() {
    return Integer.toHexString(1 + r.nextInt(65535));
  }

  String secret() {
    return switch (r.nextInt(12)) {
      case 0 -> "sk-proj-" + chars(B64URL, 20) + digits(2) + chars(ALNUM, 60);
      case 1 -> "sk-" + chars(ALNUM, 20) + "T3BlbkFJ" + chars(ALNUM, 19) + digits(1);
      case 2 -> "sk-ant-api03-" + chars(B64URL, 80) + digits(2) + "-AA";
      case 3 -> (r.nextBoolean() ? "AKIA" : "ASIA") + chars(UPNUM, 14) + digits(2);
      case 4 -> pick(List.of("ghp_", "gho_", "ghs_")) + chars(ALNUM, 34) + digits(2);
      case 5 -> "github_pat_11" + chars(UPNUM, 20) + "_" + chars(ALNUM, 57) + digits(1);
      case 6 -> "xoxb-" + digits(12) + "-" + digits(13) + "-" + chars(ALNUM, 24);
      case 7 -> (r.nextBoolean() ? "sk_live_" : "rk_live_") + chars(ALNUM, 22) + digits(2);
      case 8 -> "AIza" + chars(B64URL, 33) + digits(2);
      case 9 -> jwt();
      case 10 -> pem();
      default -> "sk-" + chars(ALNUM, 46) + digits(2);
    };
  }

  String jwt() {
    String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes());
    String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("{\"sub\":\"" + digits(8) + "\",\"name\":\"" + pick(FIRST) + "\",\"iat\":" + digits(10) + "}").getBytes());
    return header + "." + payload + "." + chars(B64URL, 43);
  }

  String pem() {
    String label = pick(List.of("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"));
    StringBuilder sb = new StringBuilder("-----BEGIN " + label + "-----\n");
    int lines = 3 + r.nextInt(10);
    for (int i = 0; i < lines; i++) sb.append(chars(B64, 64)).append('\n');
    sb.append(chars(B64, 20)).append("==\n-----END ").append(label).append("-----");
    return sb.toString();
  }

  // ---- look-alikes (never labelled) --------------------------------------------------------------

  /** A 13-19 digit number that is not a payment card: fails Luhn, or has no issuer prefix. */
  String notACard() {
    String n;
    if (r.nextBoolean()) {
      do {
        n = (char) ('2' + r.nextInt(5)) + digits(15);
      } while (luhn(n));
    } else {
      n = pick(List.of("1", "7", "8", "9", "0")) + digits(12 + r.nextInt(6));
    }
    return r.nextInt(3) == 0 && n.length() == 16 ? format(n, new int[] {4, 4, 4, 4}) : n;
  }

  String lookAlike() {
    return switch (r.nextInt(22)) {
      case 0 -> "order " + digits(9);
      case 1 -> "ticket #" + digits(6);
      case 2 -> "invoice " + digits(10);
      case 3 -> notACard();
      case 4 -> iban(false);
      case 5 -> "v" + r.nextInt(20) + "." + r.nextInt(30) + "." + r.nextInt(200);
      case 6 -> "10.0." + (10000 + r.nextInt(9000)) + "." + r.nextInt(999);
      case 7 -> "2024-" + String.format("%02d-%02d", 1 + r.nextInt(12), 1 + r.nextInt(28));
      case 8 -> String.format("%02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60));
      case 9 -> "$" + r.nextInt(9) + "," + digits(3) + "." + digits(2);
      case 10 -> java.util.UUID.nameUUIDFromBytes(digits(8).getBytes()).toString();
      case 11 -> "commit " + chars("0123456789abcdef", 40);
      case 12 -> "sha256:" + chars("0123456789abcdef", 64);
      case 13 -> "sk-learn " + pick(List.of("pipeline", "model", "grid search"));
      case 14 -> "std::vector<int> and Foo::bar()";
      case 15 -> "1Z" + chars(UPNUM, 6) + digits(10);
      case 16 -> "ISBN 978-" + digits(1) + "-" + digits(3) + "-" + digits(5) + "-" + digits(1);
      case 17 -> "ZIP " + digits(5) + "-" + digits(4);
      case 18 -> "user@localhost";
      case 19 -> "@" + pick(FIRST) + " on Slack";
      case 20 -> "account " + digits(12);
      default -> "SKU " + chars(UPNUM, 2) + digits(2) + "-" + digits(4);
    };
  }
}
