package dev.cordon.agent.jdbc;

import dev.cordon.agent.audit.AuditEvent;
import dev.cordon.agent.audit.AuditLog;
import dev.cordon.agent.data.DatasetVerdict;
import dev.cordon.agent.data.WeakIdentityMap;
import dev.cordon.agent.data.JsonLists;
import dev.cordon.agent.principal.Caller;
import dev.cordon.agent.runtime.AgentRuntime;
import dev.cordon.agent.runtime.PolicyState;
import dev.cordon.bootstrap.Dispatch;
import dev.cordon.policy.Action;
import dev.cordon.policy.DatasetDef;
import dev.cordon.policy.DatasetRef;
import dev.cordon.policy.Limits;
import dev.cordon.policy.Mode;
import dev.cordon.policy.Policy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides SQL on connections to governed databases (spec 4 and 5): the tables a statement names
 * are mapped to declared datasets ({@code jdbc.url} and {@code jdbc.tables}); reads need
 * {@code dataset.read}, everything that changes data or schema {@code dataset.write}. A denied
 * statement gets a {@link SQLSyntaxErrorException} with SQLState 42501 before the driver sees it; a
 * statement whose tables cannot be determined is denied the same way (fail closed). Allowed reads
 * get their result sets wrapped for masks, {@code max_rows} and the audit of rows returned.
 *
 * <p>Statements on databases no dataset names cost a URL lookup (remembered per connection) and are
 * never parsed.
 */
public final class JdbcGovernor {
  /** What {@link #exit} does for a statement that passed. */
  private enum After { REMEMBER_RETURNED, REMEMBER_SELF, WRAP }

  private record Token(StatementPlan plan, After after) {}

  private final AgentRuntime runtime;
  private final JdbcUrls urls = new JdbcUrls();
  private final SqlAnalyzer analyzer = new SqlAnalyzer();
  private final WeakIdentityMap<Object, StatementPlan> plans = new WeakIdentityMap<>();
  private final WeakIdentityMap<Object, ResultSet> wrapped = new WeakIdentityMap<>();
  private volatile MaskOperators operators;
  private volatile Policy operatorsFor;

  public JdbcGovernor(AgentRuntime runtime) {
    this.runtime = runtime;
  }

  /** True when the policy names some database. */
  private static boolean governsJdbc(Policy policy) {
    for (DatasetDef d : policy.datasets()) if (d.jdbcUrl() != null) return true;
    return false;
  }

  /** Result sets still open at shutdown are audited with the rows read so far. */
  public static void flushAll() {
    ReadAudit.flushAll();
  }

  /** See {@link dev.cordon.bootstrap.Hooks#jdbcEnter}. */
  public Object enter(Object self, String sql, String method) {
    // Methods are woven by name and signature (a driver's statement may inherit them from a class
    // that is no Statement itself): what counts is the object they run on.
    if (!(self instanceof java.sql.Statement) && !(self instanceof Connection)) return Dispatch.JDBC_IGNORED;
    PolicyState st = runtime.state();
    if (st == null) throw new IllegalStateException("the policy was not loaded in time");
    Policy policy = st.policy();
    if (policy == null || !governsJdbc(policy)) return null;
    if (sql == null) {
      // executeQuery() / execute() of a prepared statement, or getResultSet(): decided before.
      StatementPlan plan = plans.get(self);
      return plan == null ? null : new Token(plan, After.WRAP);
    }
    String url;
    try {
      Connection c = JdbcUrls.connectionOf(self);
      url = urls.urlOf(c);
    } catch (SQLException e) {
      return null; // a closed statement: the driver refuses the call itself
    }
    List<DatasetRef> datasets = policy.datasetsForJdbcUrl(url);
    boolean plainStatement = !method.startsWith("prepare") && !method.equals("nativeSQL");
    if (datasets.isEmpty()) {
      if (plainStatement) plans.remove(self);
      return null;
    }
    SqlFacts facts = analyzer.analyze(sql);
    Caller caller = st.callers().resolve();
    if (!facts.determined()) return undetermined(st, caller, datasets, facts);

    Map<DatasetRef, List<String>> readBy = new LinkedHashMap<>();
    Map<DatasetRef, List<String>> writeBy = new LinkedHashMap<>();
    for (String t : facts.reads()) group(readBy, policy.datasetForJdbc(url, t), t);
    for (String t : facts.writes()) group(writeBy, policy.datasetForJdbc(url, t), t);

    SQLException deny = null;
    AuditLog log = runtime.audit();
    for (Map.Entry<DatasetRef, List<String>> w : writeBy.entrySet()) {
      DatasetVerdict v = DatasetVerdict.decide(st, caller, Action.DATASET_WRITE, w.getKey());
      append(log, v.event().put("sql", facts.scrubbed()).putRaw("tables", JsonLists.of(w.getValue())));
      if (v.block() && deny == null) deny = denial(v.reason());
    }
    List<DatasetVerdict> reads = new ArrayList<>();
    Map<String, List<String>> tablesByDataset = new LinkedHashMap<>();
    for (Map.Entry<DatasetRef, List<String>> r : readBy.entrySet()) {
      DatasetVerdict v = DatasetVerdict.decide(st, caller, Action.DATASET_READ, r.getKey());
      if (v.allowed()) {
        reads.add(v);
        tablesByDataset.put(r.getKey().dataset().id(), r.getValue());
      } else {
        append(log, v.event().put("sql", facts.scrubbed()).putRaw("tables", JsonLists.of(r.getValue())));
        if (v.block() && deny == null) deny = denial(v.reason());
      }
    }
    if (deny != null) return deny;
    StatementPlan plan = reads.isEmpty() ? null : plan(facts, reads, tablesByDataset);
    if (plan == null) {
      if (plainStatement) plans.remove(self);
      return null;
    }
    if (method.startsWith("prepare")) return new Token(plan, After.REMEMBER_RETURNED);
    if (method.equals("executeQuery")) return new Token(plan, After.WRAP);
    if (method.equals("execute")) return new Token(plan, After.REMEMBER_SELF);
    return null; // nativeSQL, addBatch, executeUpdate: nothing comes back to mask
  }

  /** See {@link dev.cordon.bootstrap.Hooks#jdbcExit}. */
  public Object exit(Object token, Object self, Object returned, Throwable thrown) throws SQLException {
    Token t = (Token) token;
    switch (t.after) {
      case REMEMBER_RETURNED:
        if (returned != null && thrown == null) plans.put(returned, t.plan);
        return returned;
      case REMEMBER_SELF:
        if (thrown == null) plans.put(self, t.plan);
        return returned;
      default:
        if (thrown != null) {
          new ReadAudit(runtime.audit(), t.plan, List.of(), List.of()).finish(0, false, false,
              thrown.getClass().getName());
          return returned;
        }
        return returned instanceof ResultSet rs ? wrap(rs, t.plan) : returned;
    }
  }

  private ResultSet wrap(ResultSet rs, StatementPlan plan) throws SQLException {
    if (java.lang.reflect.Proxy.isProxyClass(rs.getClass())
        && java.lang.reflect.Proxy.getInvocationHandler(rs) instanceof GovernedResultSet) {
      return rs;
    }
    ResultSet already = wrapped.get(rs);
    if (already != null) return already;
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    String[] ops = ColumnMasks.compute(plan.facts().lineage(), md, plan.masks());
    String[] would = ColumnMasks.compute(plan.facts().lineage(), md, plan.wouldMask());
    boolean[] character = new boolean[n + 1];
    String[] labels = new String[n + 1];
    List<String> masked = new ArrayList<>();
    List<String> wouldMask = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      labels[i] = md.getColumnLabel(i);
      character[i] = MaskOperators.isCharacterType(md.getColumnType(i));
      if (ops[i] != null) masked.add(labels[i] + ":" + ops[i]);
      else if (would[i] != null) wouldMask.add(labels[i] + ":" + would[i]);
    }
    ReadAudit audit = new ReadAudit(runtime.audit(), plan, masked, wouldMask);
    ResultSet proxy = GovernedResultSet.wrap(rs, ops, character, labels, operators(), plan.maxRows(),
        plan.wouldMaxRows(), audit);
    wrapped.put(rs, proxy);
    return proxy;
  }

  private StatementPlan plan(SqlFacts facts, List<DatasetVerdict> reads, Map<String, List<String>> tables) {
    Map<String, String> masks = new LinkedHashMap<>();
    Map<String, String> wouldMask = new LinkedHashMap<>();
    long maxRows = -1;
    long wouldMaxRows = -1;
    for (DatasetVerdict v : reads) {
      boolean enforce = v.mode() == Mode.ENFORCE;
      Map<String, String> into = enforce ? masks : wouldMask;
      for (Map.Entry<String, String> m : v.decision().masks().entrySet()) into.merge(m.getKey(), m.getValue(),
          MaskRules::stricter);
      Limits l = v.decision().limits();
      if (l.maxRows() >= 0) {
        if (enforce) maxRows = maxRows < 0 ? l.maxRows() : Math.min(maxRows, l.maxRows());
        else wouldMaxRows = wouldMaxRows < 0 ? l.maxRows() : Math.min(wouldMaxRows, l.maxRows());
      }
    }
    return new StatementPlan(facts, List.copyOf(reads), Map.copyOf(tables), MaskRules.of(masks),
        MaskRules.of(wouldMask), maxRows, wouldMaxRows);
  }

  /** Tables unknown on a governed database: denied in enforce (fail closed), audited either way. */
  private Object undetermined(PolicyState st, Caller caller, List<DatasetRef> datasets, SqlFacts facts) {
    List<String> ids = new ArrayList<>();
    for (DatasetRef d : datasets) ids.add(d.dataset().id());
    Mode mode = st.mode();
    String reason = "Cordon denied a statement on a database that holds governed datasets (" + String.join(", ", ids)
        + ") for principal '" + caller.principal() + "': its tables could not be determined (" + facts.why()
        + "); statements Cordon cannot read are denied there (fail closed). To allow it, rewrite it as plain SQL "
        + "over named tables, or run it on a connection no dataset's jdbc.url matches";
    String first = facts.scrubbed() == null ? "" : facts.scrubbed().trim().toLowerCase(Locale.ROOT);
    Action action = first.startsWith("select") || first.startsWith("with") ? Action.DATASET_READ
        : Action.DATASET_WRITE;
    AuditEvent e = AuditEvent.of(action.wireName()).put("principal", caller.principal());
    if (caller.frame() != null) e.put("caller", caller.frame());
    e.putRaw("datasets", JsonLists.of(ids)).put("sql", facts.scrubbed()).put("decision", "deny")
        .put("outcome", mode == Mode.ENFORCE ? "blocked" : "would_block").putNull("rule").put("mode", mode.wireName())
        .put("reason", reason);
    append(runtime.audit(), e);
    return mode == Mode.ENFORCE ? denial(reason) : null;
  }

  private static SQLException denial(String message) {
    return new SQLSyntaxErrorException(message, "42501");
  }

  private static void group(Map<DatasetRef, List<String>> by, DatasetRef d, String table) {
    if (d == null) return;
    List<String> l = by.computeIfAbsent(d, k -> new ArrayList<>());
    if (!l.contains(table)) l.add(table);
  }

  private static void append(AuditLog log, AuditEvent e) {
    if (log != null) log.append(e);
  }

  private MaskOperators operators() {
    PolicyState st = runtime.state();
    Policy p = st == null ? null : st.policy();
    MaskOperators ops = operators;
    if (ops == null || operatorsFor != p) {
      synchronized (this) {
        if (operators == null || operatorsFor != p) {
          operators = new MaskOperators(MaskKey.load(p == null ? null : p.baseDir()));
          operatorsFor = p;
        }
        ops = operators;
      }
    }
    return ops;
  }
}
