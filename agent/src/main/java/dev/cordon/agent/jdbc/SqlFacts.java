package dev.cordon.agent.jdbc;

import java.util.List;

/**
 * What one SQL string does to which tables, as the parser read it. Tables are as written in the
 * statement (quotes and schema kept), which is what the policy's {@code jdbc.tables} are matched
 * against.
 *
 * @param why null when the tables were determined; else why not (the statement is then denied on
 *     a governed database)
 * @param reads tables read (SELECT, the source of INSERT … SELECT, MERGE's USING …)
 * @param writes tables written (INSERT, UPDATE, DELETE, MERGE, TRUNCATE, DDL, SELECT … INTO)
 * @param lineage for a single SELECT: where each result column comes from; null otherwise
 * @param scrubbed the SQL with literals replaced by {@code ?}, for the audit
 */
record SqlFacts(String why, List<String> reads, List<String> writes, SelectLineage lineage, String scrubbed) {
  static SqlFacts undetermined(String why, String scrubbed) {
    return new SqlFacts(why, List.of(), List.of(), null, scrubbed);
  }

  boolean determined() {
    return why == null;
  }

  /** Every table the statement names, reads first. */
  List<String> tables() {
    if (writes.isEmpty()) return reads;
    if (reads.isEmpty()) return writes;
    java.util.ArrayList<String> all = new java.util.ArrayList<>(reads);
    for (String w : writes) if (!all.contains(w)) all.add(w);
    return all;
  }
}
