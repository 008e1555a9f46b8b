package dev.cordon.agent.jdbc;

import java.util.List;
import java.util.Set;

/**
 * Where the columns of a SELECT's result come from, so that a mask on {@code customers.email}
 * follows the value through an alias ({@code SELECT email AS e}), an expression
 * ({@code upper(email)}), a derived table, a CTE or a UNION.
 *
 * @param outputs the select list in order; a {@code *} over a base table is one output with
 *     {@code star} set, standing for every column of that table
 */
record SelectLineage(List<Output> outputs) {
  /**
   * A column of a base table. {@code table} is as written (null when it cannot be told, e.g. an
   * unqualified column over a table function: then any mask on that column name applies);
   * {@code column} null stands for every column of the table (from {@code *}).
   */
  record Source(String table, String column) {}

  /** One item of the select list: its label (alias or column name; null for an unnamed expression). */
  record Output(String label, Set<Source> sources, boolean star) {}

  boolean hasStar() {
    for (Output o : outputs) if (o.star()) return true;
    return false;
  }
}
