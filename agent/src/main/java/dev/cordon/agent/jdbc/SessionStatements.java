package dev.cordon.agent.jdbc;

import java.util.Locale;
import java.util.Set;

/**
 * Statements that set up a session or a transaction and touch no table's data, which drivers and
 * pools issue on their own (sqlite-jdbc runs {@code pragma x=y} on every connection) and the parser
 * does not always read (SQLite's PRAGMA, PostgreSQL's {@code SET x TO y}). Judged on the statement
 * with its literals already removed, so a {@code ;} or a keyword inside a string cannot fool it;
 * anything with a parenthesis or a data keyword after the first word is not one of these.
 */
final class SessionStatements {
  private SessionStatements() {}

  private static final Set<String> TRANSACTION = Set.of("BEGIN", "START", "COMMIT", "END", "ROLLBACK", "SAVEPOINT",
      "RELEASE", "ABORT");
  private static final Set<String> SETTINGS = Set.of("SET", "RESET", "SHOW", "DISCARD", "DEALLOCATE", "LISTEN",
      "UNLISTEN", "USE");
  private static final Set<String> DATA_WORDS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "INTO",
      "FROM", "TABLE", "COPY", "EXECUTE", "CALL", "WITH");

  /** True when every statement in {@code scrubbed} is a session or transaction statement. */
  static boolean touchNoTable(String scrubbed) {
    if (scrubbed == null || scrubbed.isBlank() || scrubbed.endsWith("…")) return false;
    for (String part : scrubbed.split(";")) {
      String p = part.trim();
      if (p.isEmpty()) continue;
      if (!one(p)) return false;
    }
    return true;
  }

  private static boolean one(String statement) {
    String[] words = statement.toUpperCase(Locale.ROOT).split("[\\s=,]+");
    String first = words[0];
    if (first.equals("PRAGMA")) {
      // SQLite connection settings and schema information; writable_schema would let SQL rewrite the schema.
      return !statement.toLowerCase(Locale.ROOT).contains("writable_schema");
    }
    if (!TRANSACTION.contains(first) && !SETTINGS.contains(first)) return false;
    if (statement.indexOf('(') >= 0) return false;
    for (int i = 1; i < words.length; i++) if (DATA_WORDS.contains(words[i])) return false;
    return true;
  }
}
