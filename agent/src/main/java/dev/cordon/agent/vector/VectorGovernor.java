package dev.cordon.agent.vector;

import dev.cordon.CordonAccessDeniedException;
import dev.cordon.agent.audit.AuditEvent;
import dev.cordon.agent.audit.AuditLog;
import dev.cordon.agent.principal.Caller;
import dev.cordon.agent.principal.CallerResolver;
import dev.cordon.agent.runtime.AgentRuntime;
import dev.cordon.agent.runtime.PolicyState;
import dev.cordon.policy.Action;
import dev.cordon.policy.Decision;
import dev.cordon.policy.Mode;
import dev.cordon.policy.Policy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides embedding-store and vector-store calls (spec 4): searches are {@code vector.query},
 * adds and removals {@code vector.write}, on {@code vector:<collection>} ({@link StoreNames}). A
 * denied call throws {@link CordonAccessDeniedException} before the store runs. A search that is
 * allowed has its results filtered document by document ({@link RetrievalFilter}) before the
 * application sees them; its audit entry, written when the results are back, counts what was
 * returned and what was removed.
 */
public final class VectorGovernor {
  private static final Set<String> QUERIES = Set.of("search", "similaritySearch", "findRelevant");

  private final AgentRuntime runtime;

  /** A search under way: its audit entry and filter, finished in {@link #exit}. */
  private record Search(AuditEvent event, RetrievalFilter filter, boolean apply) {}

  public VectorGovernor(AgentRuntime runtime) {
    this.runtime = runtime;
  }

  public Object enter(Object store, String method) {
    PolicyState st = runtime.state();
    if (st == null) throw new IllegalStateException("the policy was not loaded in time");
    Action action = QUERIES.contains(method) ? Action.VECTOR_QUERY : Action.VECTOR_WRITE;
    String collection = StoreNames.of(store);
    String resource = "vector:" + collection;
    Policy policy = st.policy();
    Caller caller = st.callers() != null ? st.callers().resolve() : CallerResolver.anonymous();
    AuditEvent e = AuditEvent.of(action.wireName()).put("principal", caller.principal());
    if (caller.frame() != null) e.put("caller", caller.frame());
    e.put("resource", resource).put("store", store.getClass().getName()).put("operation", method);

    String denial;
    String rule = null;
    Mode mode;
    if (policy == null) {
      mode = st.mode();
      denial = "Cordon denied " + action.wireName() + " on " + resource + " for principal " + caller.principal()
          + ": no rule allows (no usable policy is loaded; to allow, fix or add cordon.yaml with an allow rule)";
    } else {
      Decision d = policy.decide(caller.principal(), action, policy.vector(collection));
      rule = d.ruleId();
      mode = st.effectiveMode(rule);
      denial = d.allowed() ? null : "Cordon " + d.explanation();
    }
    if (rule != null) e.put("rule", rule); else e.putNull("rule");
    e.put("mode", mode.wireName());
    AuditLog log = runtime.audit();
    if (denial != null) {
      e.put("decision", "deny").put("reason", denial);
      if (mode == Mode.ENFORCE) {
        append(log, e.put("outcome", "blocked"));
        throw new CordonAccessDeniedException(denial, caller.principal(), action.wireName(), resource, rule);
      }
      e.put("outcome", "would_block");
    } else {
      e.put("decision", "allow").put("outcome", "allowed");
    }
    if (action == Action.VECTOR_WRITE) {
      append(log, e);
      return null;
    }
    RetrievalFilter filter = RetrievalFilter.active(policy) ? new RetrievalFilter(policy, caller.principal()) : null;
    return new Search(e, filter, mode == Mode.ENFORCE);
  }

  public Object exit(Object token, Object returned, Throwable thrown) throws ReflectiveOperationException {
    Search s = (Search) token;
    AuditEvent e = s.event;
    if (thrown != null) {
      append(runtime.audit(), e.put("error", thrown.getClass().getName()));
      return returned;
    }
    Object out = returned;
    if (s.filter != null) {
      VectorResults.Filtered f = VectorResults.filter(returned, s.filter, s.apply);
      out = f.result();
      if (f.kept() >= 0) e.put("documents", f.kept());
      int removed = f.removedTotal();
      if (removed > 0) {
        Map<String, Long> why = new LinkedHashMap<>();
        f.removed().forEach((k, v) -> why.put(k.name().toLowerCase(java.util.Locale.ROOT), (long) v));
        e.put(s.apply ? "filtered" : "would_filter", removed).putObject("filtered_by", why);
        if ("allowed".equals(e.get("outcome"))) e.put("outcome", s.apply ? "redacted" : "would_redact");
      }
    } else if (returned instanceof java.util.List<?> docs) {
      e.put("documents", docs.size());
    }
    append(runtime.audit(), e);
    return out;
  }

  private static void append(AuditLog log, AuditEvent e) {
    if (log != null) log.append(e);
  }
}
