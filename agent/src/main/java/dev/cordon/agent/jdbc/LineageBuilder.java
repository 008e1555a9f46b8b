package dev.cordon.agent.jdbc;

import dev.cordon.agent.jdbc.SelectLineage.Output;
import dev.cordon.agent.jdbc.SelectLineage.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Builds a {@link SelectLineage}: for each item of the select list, the base-table columns its
 * value is made of. Wherever the query leaves room for doubt the answer widens (an unqualified
 * column in a join names that column of every table; a column of an unknown source names that
 * column of any table; {@code COUNT(..)} is the one function whose arguments are left out, as it
 * reveals no value), so a mask can be applied too often but not too rarely.
 */
final class LineageBuilder {
  private LineageBuilder() {}

  private static final Source UNKNOWN_ANY = new Source(null, null);

  static SelectLineage of(Select select) {
    return new SelectLineage(List.copyOf(outputs(select, Map.of())));
  }

  /** A relation in a FROM clause. */
  private sealed interface Rel permits Base, Derived, Unknown {}

  private record Base(String table) implements Rel {}

  private record Derived(List<Output> outputs) implements Rel {}

  private record Unknown() implements Rel {}

  private static List<Output> outputs(Select select, Map<String, List<Output>> ctes) {
    Map<String, List<Output>> scopeCtes = ctes;
    if (select.getWithItemsList() != null && !select.getWithItemsList().isEmpty()) {
      scopeCtes = new HashMap<>(ctes);
      for (WithItem<?> w : select.getWithItemsList()) {
        if (w.getSelect() == null) {
          scopeCtes.put(key(w.getAliasName()), List.of(new Output(null, Set.of(UNKNOWN_ANY), true)));
          continue;
        }
        List<Output> o = outputs(w.getSelect(), scopeCtes);
        o = relabel(o, w.getWithItemList());
        scopeCtes.put(key(w.getAliasName()), o);
      }
    }
    if (select instanceof PlainSelect ps) return plain(ps, scopeCtes);
    if (select instanceof ParenthesedSelect p) return outputs(p.getSelect(), scopeCtes);
    if (select instanceof SetOperationList so) return union(so, scopeCtes);
    if (select instanceof Values) return List.of();
    throw new IllegalArgumentException("unsupported select " + select.getClass().getSimpleName());
  }

  /** {@code WITH x(a, b) AS (...)}: the CTE's own column names replace the inner labels. */
  private static List<Output> relabel(List<Output> o, List<SelectItem<?>> names) {
    if (names == null || names.isEmpty() || names.size() != o.size()) return o;
    List<Output> out = new ArrayList<>();
    for (int i = 0; i < o.size(); i++) {
      Expression e = names.get(i).getExpression();
      String label = e instanceof Column c ? unquote(c.getColumnName()) : o.get(i).label();
      out.add(new Output(label, o.get(i).sources(), o.get(i).star()));
    }
    return out;
  }

  private static List<Output> union(SetOperationList so, Map<String, List<Output>> ctes) {
    List<List<Output>> branches = new ArrayList<>();
    for (Select s : so.getSelects()) branches.add(outputs(s, ctes));
    List<Output> first = branches.get(0);
    boolean aligned = true;
    for (List<Output> b : branches) {
      if (b.size() != first.size()) aligned = false;
      for (Output o : b) if (o.star()) aligned = false;
    }
    if (!aligned) {
      // Positions cannot be matched: every column may carry any branch's values.
      Set<Source> all = new LinkedHashSet<>();
      for (List<Output> b : branches) for (Output o : b) all.addAll(o.sources());
      return List.of(new Output(null, all, true));
    }
    List<Output> out = new ArrayList<>();
    for (int i = 0; i < first.size(); i++) {
      Set<Source> s = new LinkedHashSet<>();
      for (List<Output> b : branches) s.addAll(b.get(i).sources());
      out.add(new Output(first.get(i).label(), s, false));
    }
    return out;
  }

  private static List<Output> plain(PlainSelect ps, Map<String, List<Output>> ctes) {
    LinkedHashMap<String, Rel> scope = new LinkedHashMap<>();
    addFrom(ps.getFromItem(), scope, ctes);
    if (ps.getJoins() != null) for (Join j : ps.getJoins()) addFrom(j.getFromItem(), scope, ctes);
    List<Output> out = new ArrayList<>();
    for (SelectItem<?> item : ps.getSelectItems()) {
      Expression e = item.getExpression();
      if (e instanceof AllTableColumns atc) {
        Rel r = atc.getTable() == null ? null : scope.get(key(atc.getTable().getName()));
        out.addAll(expand(r == null ? new Unknown() : r));
      } else if (e instanceof AllColumns) {
        for (Rel r : scope.values()) out.addAll(expand(r));
      } else {
        Set<Source> sources = sources(e, scope, ctes);
        Alias alias = item.getAlias();
        String label = alias != null ? unquote(alias.getName())
            : e instanceof Column c ? unquote(c.getColumnName()) : null;
        out.add(new Output(label, sources, false));
      }
    }
    return out;
  }

  private static void addFrom(FromItem item, Map<String, Rel> scope, Map<String, List<Output>> ctes) {
    if (item == null) return;
    String alias = item.getAlias() == null ? null : item.getAlias().getName();
    if (item instanceof Table t) {
      List<Output> cte = t.getSchemaName() == null ? ctes.get(key(t.getName())) : null;
      Rel r = cte != null ? new Derived(cte) : new Base(t.getFullyQualifiedName());
      scope.put(key(alias != null ? alias : t.getName()), r);
    } else if (item instanceof ParenthesedSelect p) {
      scope.put(key(alias != null ? alias : "#" + scope.size()), new Derived(outputs(p.getSelect(), ctes)));
    } else if (item instanceof ParenthesedFromItem pf) {
      addFrom(pf.getFromItem(), scope, ctes);
      if (pf.getJoins() != null) for (Join j : pf.getJoins()) addFrom(j.getFromItem(), scope, ctes);
    } else {
      scope.put(key(alias != null ? alias : "#" + scope.size()), new Unknown());
    }
  }

  private static List<Output> expand(Rel r) {
    if (r instanceof Base b) return List.of(new Output(null, Set.of(new Source(b.table(), null)), true));
    if (r instanceof Derived d) return d.outputs();
    return List.of(new Output(null, Set.of(UNKNOWN_ANY), true));
  }

  private static Set<Source> sources(Expression e, Map<String, Rel> scope, Map<String, List<Output>> ctes) {
    Set<Source> acc = new LinkedHashSet<>();
    e.accept(new ExpressionVisitorAdapter<Void>() {
      @Override
      public <S> Void visit(Column column, S context) {
        resolve(column, scope, acc);
        return null;
      }

      @Override
      public <S> Void visit(ParenthesedSelect select, S context) {
        for (Output o : outputs(select.getSelect(), ctes)) acc.addAll(o.sources());
        return null;
      }

      @Override
      public <S> Void visit(Select select, S context) {
        for (Output o : outputs(select, ctes)) acc.addAll(o.sources());
        return null;
      }

      @Override
      public <S> Void visit(Function function, S context) {
        if (function.getName() != null && function.getName().equalsIgnoreCase("count")) return null;
        return super.visit(function, context);
      }
    }, null);
    return acc;
  }

  private static void resolve(Column c, Map<String, Rel> scope, Set<Source> acc) {
    String col = unquote(c.getColumnName());
    Table t = c.getTable();
    String qualifier = t == null ? null : t.getName();
    if (qualifier != null && !qualifier.isEmpty()) {
      Rel r = scope.get(key(qualifier));
      if (r == null) {
        acc.add(new Source(t.getFullyQualifiedName(), col));
      } else {
        column(r, col, acc);
      }
    } else if (scope.isEmpty()) {
      acc.add(new Source(null, col));
    } else {
      for (Rel r : scope.values()) column(r, col, acc);
    }
  }

  private static void column(Rel r, String col, Set<Source> acc) {
    if (r instanceof Base b) {
      acc.add(new Source(b.table(), col));
    } else if (r instanceof Derived d) {
      boolean found = false;
      for (Output o : d.outputs()) {
        if (o.star()) {
          for (Source s : o.sources()) acc.add(s.column() == null ? new Source(s.table(), col) : s);
          found = true;
        } else if (o.label() != null && o.label().equalsIgnoreCase(col)) {
          acc.addAll(o.sources());
          found = true;
        }
      }
      if (!found) for (Output o : d.outputs()) acc.addAll(o.sources());
    } else {
      acc.add(new Source(null, col));
    }
  }

  static String key(String name) {
    return name == null ? "" : unquote(name).toLowerCase(Locale.ROOT);
  }

  static String unquote(String name) {
    if (name == null || name.length() < 2) return name;
    char a = name.charAt(0);
    char z = name.charAt(name.length() - 1);
    if ((a == '"' && z == '"') || (a == '`' && z == '`') || (a == '[' && z == ']')) {
      return name.substring(1, name.length() - 1);
    }
    return name;
  }
}
