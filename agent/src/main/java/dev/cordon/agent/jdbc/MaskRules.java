package dev.cordon.agent.jdbc;

import dev.cordon.agent.jdbc.SelectLineage.Source;
import dev.cordon.policy.load.TableNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code mask:} entries that apply to a query (from every allow rule that granted the read,
 * strictest operator per column, as the policy module combines them). A key is
 * {@code table.column}, {@code schema.table.column} or a bare {@code column} (any table). Tables
 * compare like the dataset's {@code jdbc.tables}: by name, by schema only when both sides name one,
 * case-insensitively unless both are quoted.
 */
final class MaskRules {
  private static final List<String> STRICTEST_FIRST = List.of("REDACT", "TAG", "HASH", "LAST4");

  private record Rule(List<TableNames.Part> table, TableNames.Part column, String op, String key) {}

  private final List<Rule> rules;

  private MaskRules(List<Rule> rules) {
    this.rules = rules;
  }

  static MaskRules of(Map<String, String> masks) {
    List<Rule> rules = new ArrayList<>();
    for (Map.Entry<String, String> e : masks.entrySet()) {
      List<TableNames.Part> parts = TableNames.split(e.getKey().trim());
      if (parts == null || parts.isEmpty()) {
        parts = List.of(new TableNames.Part(e.getKey().trim(), false));
      }
      TableNames.Part column = parts.get(parts.size() - 1);
      List<TableNames.Part> table = parts.size() == 1 ? null : List.copyOf(parts.subList(0, parts.size() - 1));
      rules.add(new Rule(table, column, e.getValue(), e.getKey()));
    }
    return new MaskRules(List.copyOf(rules));
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }

  /** The strictest operator of all rules (used when a query's columns cannot be traced). */
  String strictestOfAll() {
    String op = null;
    for (Rule r : rules) op = stricter(op, r.op);
    return op;
  }

  /** The strictest operator whose rule matches one of the sources, or null. */
  String opFor(Iterable<Source> sources) {
    String op = null;
    for (Source s : sources) {
      for (Rule r : rules) if (matches(r, s)) op = stricter(op, r.op);
    }
    return op;
  }

  private static boolean matches(Rule r, Source s) {
    if (s.column() != null && !same(r.column, part(s.column()))) return false;
    if (r.table == null || s.table() == null) return true;
    List<TableNames.Part> asked = TableNames.split(s.table());
    if (asked == null || asked.isEmpty()) return true;
    if (!same(last(r.table, 0), last(asked, 0))) return false;
    TableNames.Part rs = last(r.table, 1);
    TableNames.Part as = last(asked, 1);
    return rs == null || as == null || same(rs, as);
  }

  private static TableNames.Part part(String unquotedColumn) {
    return new TableNames.Part(unquotedColumn, false);
  }

  private static TableNames.Part last(List<TableNames.Part> parts, int back) {
    int i = parts.size() - 1 - back;
    return i < 0 ? null : parts.get(i);
  }

  private static boolean same(TableNames.Part a, TableNames.Part b) {
    return a.quoted() && b.quoted() ? a.name().equals(b.name()) : a.name().equalsIgnoreCase(b.name());
  }

  static String stricter(String a, String b) {
    if (a == null) return b;
    if (b == null) return a;
    return STRICTEST_FIRST.indexOf(a) <= STRICTEST_FIRST.indexOf(b) ? a : b;
  }
}
