package dev.cordon.agent.jdbc;

import dev.cordon.agent.jdbc.SelectLineage.Output;
import dev.cordon.agent.jdbc.SelectLineage.Source;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which mask operator applies to each column of a result set: the query's lineage says where the
 * values come from, the result set's metadata says what the columns are called. Without a lineage
 * (a query the lineage builder cannot follow) every column gets the strictest mask in force.
 */
final class ColumnMasks {
  private ColumnMasks() {}

  /** Operators by column index (1-based; index 0 unused); null entries are not masked. */
  static String[] compute(SelectLineage lineage, ResultSetMetaData md, MaskRules rules) throws SQLException {
    int n = md.getColumnCount();
    String[] ops = new String[n + 1];
    if (rules.isEmpty()) return ops;
    if (lineage == null) {
      String all = rules.strictestOfAll();
      for (int i = 1; i <= n; i++) ops[i] = all;
      return ops;
    }
    List<Output> outs = lineage.outputs();
    boolean positional = !lineage.hasStar() && outs.size() == n;
    for (int i = 1; i <= n; i++) {
      Set<Source> sources = new LinkedHashSet<>();
      if (positional) {
        sources.addAll(outs.get(i - 1).sources());
      } else {
        String label = md.getColumnLabel(i);
        for (Output o : outs) {
          if (o.star()) {
            for (Source s : o.sources()) sources.add(s.column() == null ? new Source(s.table(), label) : s);
          } else if (o.label() != null && o.label().equalsIgnoreCase(label)) {
            sources.addAll(o.sources());
          }
        }
        if (sources.isEmpty()) {
          // An unnamed expression whose position cannot be matched: it may be any of them.
          for (Output o : outs) if (o.label() == null) sources.addAll(o.sources());
        }
      }
      ops[i] = rules.opFor(sources);
    }
    return ops;
  }
}
