package dev.cordon.redact;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Values never redacted (the company's support address, documented test card numbers): exact
 * values, compared ignoring case and (except emails) ignoring spaces, dashes, dots and parentheses;
 * and patterns, which must match the whole found value.
 */
final class AllowList {
  private final Set<String> values = new HashSet<>();
  private final List<SafePattern> patterns;

  AllowList(List<String> values, List<SafePattern> patterns) {
    for (String v : values) {
      this.values.add(v.trim().toLowerCase(Locale.ROOT));
      if (v.indexOf('@') < 0) this.values.add(compact(v));
    }
    this.patterns = List.copyOf(patterns);
  }

  boolean isEmpty() {
    return values.isEmpty() && patterns.isEmpty();
  }

  boolean allows(String found) {
    if (values.contains(found.toLowerCase(Locale.ROOT))) return true;
    if (found.indexOf('@') < 0 && values.contains(compact(found))) return true;
    for (SafePattern p : patterns) if (p.matchesWhole(found)) return true;
    return false;
  }

  private static String compact(String v) {
    StringBuilder sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') sb.append(Character.toLowerCase(c));
    }
    return sb.toString();
  }
}
