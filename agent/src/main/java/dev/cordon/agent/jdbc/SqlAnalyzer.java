package dev.cordon.agent.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Commit;
import net.sf.jsqlparser.statement.DescribeStatement;
import net.sf.jsqlparser.statement.ShowColumnsStatement;
import net.sf.jsqlparser.statement.ShowStatement;
import net.sf.jsqlparser.statement.show.ShowTablesStatement;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.ResetStatement;
import net.sf.jsqlparser.statement.RollbackStatement;
import net.sf.jsqlparser.statement.SavepointStatement;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.UseStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.AlterView;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Reads a SQL string with JSqlParser and says which tables it reads and writes (spec: SELECTs are
 * {@code dataset.read}; INSERT, UPDATE, DELETE, MERGE, TRUNCATE and DDL are {@code dataset.write}).
 * Joins, subqueries, CTEs, INSERT … SELECT, MERGE, schema-qualified and quoted names are the
 * parser's job; this class only sorts its tables into read and written. A statement kind it does
 * not know, or one that cannot be tied to tables (a stored procedure call, DROP SCHEMA), is
 * "undetermined": on a governed database it is denied.
 *
 * <p>Parsing runs on the caller's thread, without JSqlParser's timeout executor (its threads must
 * not appear in the application); input size is capped instead. Results are cached by SQL text:
 * applications use a handful of distinct (prepared) statements.
 */
final class SqlAnalyzer {
  static final int MAX_SQL_CHARS = 64 * 1024;
  private static final int CACHE_LIMIT = 2048;

  private final Map<String, SqlFacts> cache = new ConcurrentHashMap<>();

  SqlFacts analyze(String sql) {
    SqlFacts f = cache.get(sql);
    if (f != null) return f;
    f = compute(sql);
    if (cache.size() >= CACHE_LIMIT) cache.clear();
    cache.put(sql, f);
    return f;
  }

  private static SqlFacts compute(String sql) {
    String scrubbed = SqlLiterals.scrub(sql);
    if (sql.length() > MAX_SQL_CHARS) {
      return SqlFacts.undetermined("the statement is longer than " + MAX_SQL_CHARS + " characters", scrubbed);
    }
    Statements statements;
    try {
      statements = parse(sql);
    } catch (Throwable t) {
      if (SessionStatements.touchNoTable(scrubbed)) return new SqlFacts(null, List.of(), List.of(), null, scrubbed);
      // The parser's message quotes the statement (literals included): it is not passed on.
      return SqlFacts.undetermined("the SQL parser could not read it", scrubbed);
    }
    Set<String> reads = new LinkedHashSet<>();
    Set<String> writes = new LinkedHashSet<>();
    for (Statement st : statements) {
      String why;
      try {
        why = classify(st, reads, writes);
      } catch (RuntimeException e) {
        why = "its tables could not be listed (" + st.getClass().getSimpleName() + ")";
      }
      if (why != null) return SqlFacts.undetermined(why, scrubbed);
    }
    reads.removeIf(r -> containsIgnoreCase(writes, r));
    SelectLineage lineage = null;
    if (statements.size() == 1 && statements.get(0) instanceof Select select) {
      try {
        lineage = LineageBuilder.of(select);
      } catch (RuntimeException e) {
        lineage = null; // masks then apply to every column (see ColumnMasks)
      }
    }
    return new SqlFacts(null, List.copyOf(reads), List.copyOf(writes), lineage, scrubbed);
  }

  /** Simple grammar first (fast), then the parser's complex mode, as JSqlParser itself does. */
  private static Statements parse(String sql) throws Exception {
    try {
      CCJSqlParser p = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(false);
      return p.Statements();
    } catch (Exception | StackOverflowError e) {
      CCJSqlParser p = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(true);
      return p.Statements();
    }
  }

  /** Adds the statement's tables; returns why they cannot be determined, or null. */
  private static String classify(Statement st, Set<String> reads, Set<String> writes) {
    if (st instanceof Select s) {
      List<String> into = new ArrayList<>();
      intoTables(s, into);
      writes.addAll(into);
      reads.addAll(tables(st));
      return null;
    }
    if (st instanceof Insert i) return targets(st, reads, writes, i.getTable());
    if (st instanceof Upsert u) return targets(st, reads, writes, u.getTable());
    if (st instanceof Update u) return targets(st, reads, writes, u.getTable());
    if (st instanceof Merge m) return targets(st, reads, writes, m.getTable());
    if (st instanceof Delete d) {
      List<Table> t = new ArrayList<>();
      t.add(d.getTable());
      if (d.getTables() != null) t.addAll(d.getTables());
      return targets(st, reads, writes, t.toArray(Table[]::new));
    }
    if (st instanceof Truncate t) {
      List<Table> all = new ArrayList<>();
      if (t.getTable() != null) all.add(t.getTable());
      if (t.getTables() != null) all.addAll(t.getTables());
      return add(writes, all.toArray(Table[]::new));
    }
    if (st instanceof Drop d) {
      String type = d.getType() == null ? "" : d.getType().toUpperCase(Locale.ROOT);
      if (!type.equals("TABLE") && !type.equals("VIEW") && !type.equals("MATERIALIZED VIEW")) {
        return "DROP " + type + " cannot be tied to tables";
      }
      return add(writes, d.getName());
    }
    if (st instanceof Alter a) return add(writes, a.getTable());
    if (st instanceof CreateIndex c) return add(writes, c.getTable());
    if (st instanceof CreateTable c) {
      if (c.getSelect() != null) reads.addAll(tables(c.getSelect()));
      return add(writes, c.getTable());
    }
    if (st instanceof CreateView c) {
      if (c.getSelect() != null) reads.addAll(tables(c.getSelect()));
      return add(writes, c.getView());
    }
    if (st instanceof AlterView c) {
      if (c.getSelect() != null) reads.addAll(tables(c.getSelect()));
      return add(writes, c.getView());
    }
    if (st instanceof RenameTableStatement r) {
      for (Map.Entry<Table, Table> e : r.getTableNames()) {
        add(writes, e.getKey());
        add(writes, e.getValue());
      }
      return null;
    }
    if (st instanceof ExplainStatement e) {
      // EXPLAIN ANALYZE runs the statement: judge it as the statement itself.
      return e.getStatement() == null ? null : classify(e.getStatement(), reads, writes);
    }
    if (st instanceof SetStatement) {
      // MySQL's SET @x = (SELECT email FROM customers): a subquery reads like any SELECT.
      try {
        reads.addAll(tables(st));
      } catch (RuntimeException e) {
        if (st.toString().indexOf('(') >= 0) return "a SET with a subquery cannot be tied to tables";
      }
      return null;
    }
    if (st instanceof Commit || st instanceof RollbackStatement || st instanceof SavepointStatement
        || st instanceof SetStatement || st instanceof ResetStatement || st instanceof UseStatement
        || st instanceof ShowStatement || st instanceof ShowColumnsStatement || st instanceof DescribeStatement
        || st instanceof ShowTablesStatement) {
      return null; // touches no table's data (settings, transactions, schema information)
    }
    return st.getClass().getSimpleName().replace("Statement", "") + " statements cannot be tied to tables";
  }

  private static String targets(Statement st, Set<String> reads, Set<String> writes, Table... targets) {
    String why = add(writes, targets);
    if (why != null) return why;
    for (String t : tables(st)) {
      if (!containsIgnoreCase(writes, t)) reads.add(t);
    }
    return null;
  }

  private static String add(Set<String> into, Table... tables) {
    for (Table t : tables) {
      if (t == null) continue;
      String name = t.getFullyQualifiedName();
      if (name == null || name.isBlank()) return "a target table has no name";
      into.add(name);
    }
    return null;
  }

  private static Set<String> tables(Statement st) {
    return new TablesNamesFinder<Void>().getTables(st);
  }

  /** SELECT … INTO t writes t. */
  private static void intoTables(Select s, List<String> out) {
    if (s instanceof PlainSelect ps && ps.getIntoTables() != null) {
      for (Table t : ps.getIntoTables()) out.add(t.getFullyQualifiedName());
    } else if (s instanceof SetOperationList so) {
      for (Select b : so.getSelects()) intoTables(b, out);
    }
  }

  private static boolean containsIgnoreCase(Set<String> set, String s) {
    for (String x : set) if (x.equalsIgnoreCase(s)) return true;
    return false;
  }
}
