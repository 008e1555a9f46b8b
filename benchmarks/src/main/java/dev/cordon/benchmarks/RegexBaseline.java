package dev.cordon.benchmarks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The straightforward alternative the redaction engine is compared with: one java.util.regex
 * alternation of the same built-in types (no checksum validation, no context rules), replaced in a
 * find loop.
 */
final class RegexBaseline {
  private RegexBaseline() {}

  static final Pattern ALL = Pattern.compile(String.join("|",
      "(?<EMAIL>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})",
      "(?<SECRET>sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}|(?:AKIA|ASIA)[A-Z0-9]{16}|gh[pousr]_[A-Za-z0-9]{30,}"
          + "|github_pat_\\w{40,}|xox[baprse]-[A-Za-z0-9-]{10,}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|AIza[A-Za-z0-9_-]{35}"
          + "|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*"
          + "|-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----)",
      "(?<IBAN>\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b)",
      "(?<SSN>\\b\\d{3}-\\d{2}-\\d{4}\\b)",
      "(?<CARD>\\b(?:\\d[ -]?){12,18}\\d\\b)",
      "(?<PHONE>(?:\\+\\d{1,3}[ .-]?)?\\(?\\d{3}\\)?[ .-]?\\d{3}[ .-]?\\d{4}\\b)",
      "(?<IP>\\b(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\b"
          + "|(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|(?:[0-9a-fA-F]{1,4}:){1,7}:(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,6})?)"));

  private static final String[] GROUPS = {"EMAIL", "SECRET", "IBAN", "SSN", "CARD", "PHONE", "IP"};

  static String redact(String text) {
    Matcher m = ALL.matcher(text);
    if (!m.find()) return text;
    StringBuilder sb = new StringBuilder(text.length());
    int copied = 0;
    do {
      sb.append(text, copied, m.start());
      String tag = "REDACTED";
      for (String g : GROUPS) {
        if (m.start(g) >= 0) {
          tag = g;
          break;
        }
      }
      sb.append('<').append(tag).append('>');
      copied = m.end();
    } while (m.find());
    return sb.append(text, copied, text.length()).toString();
  }
}
