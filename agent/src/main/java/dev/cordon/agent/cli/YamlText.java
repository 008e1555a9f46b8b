package dev.cordon.agent.cli;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Scalars for the YAML that {@code suggest} prints: plain when unambiguous, else double-quoted. */
final class YamlText {
  private YamlText() {}

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
  /** Words YAML 1.1 readers turn into booleans or null. */
  private static final Set<String> SPECIAL =
      Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null");

  static String scalar(String s) {
    if (PLAIN.matcher(s).matches() && !SPECIAL.contains(s.toLowerCase(Locale.ROOT))) return s;
    return quoted(s);
  }

  static String quoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }

  /** {@code [a, "b c"]} */
  static String flowList(List<String> items, boolean alwaysQuote) {
    return items.stream()
        .map(s -> alwaysQuote ? quoted(s) : scalar(s))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** Text for a comment: one line, whatever the audit contained. */
  static String comment(String s) {
    return s.replaceAll("[\\r\\n\\u2028\\u2029]", " ");
  }
}
