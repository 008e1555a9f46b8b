package dev.cordon.agent.data;

import dev.cordon.agent.audit.AuditEvent;
import dev.cordon.agent.principal.Caller;
import dev.cordon.agent.runtime.PolicyState;
import dev.cordon.policy.Action;
import dev.cordon.policy.Decision;
import dev.cordon.policy.DatasetRef;
import dev.cordon.policy.Mode;

/**
 * The answer for one access to one declared dataset (a file open, the tables of a SQL statement, a
 * retrieved document): the policy's decision, the effective mode after overrides, and whether the
 * access must be stopped. Files, JDBC and vector stores each throw their own kind of exception, so
 * this only decides and fills the audit entry; the caller blocks.
 *
 * @param decision the policy's decision
 * @param mode the effective mode (the deciding rule's, else the global one after overrides)
 * @param block true when enforce mode denies: the caller must stop the access
 */
public record DatasetVerdict(Caller caller, Action action, DatasetRef dataset, Decision decision, Mode mode,
    boolean block) {

  public static DatasetVerdict decide(PolicyState st, Caller caller, Action action, DatasetRef dataset) {
    Decision d = st.policy().decide(caller.principal(), action, dataset);
    Mode mode = st.effectiveMode(d.ruleId());
    return new DatasetVerdict(caller, action, dataset, d, mode, !d.allowed() && mode == Mode.ENFORCE);
  }

  public boolean allowed() {
    return decision.allowed();
  }

  /** The message of the exception that blocks, and the audit's {@code reason}: spec 5's explanation. */
  public String reason() {
    return "Cordon " + decision.explanation();
  }

  /** Spec 9's fields for a dataset access; the caller adds {@code path} or {@code sql} and the like. */
  public AuditEvent event() {
    AuditEvent e = AuditEvent.of(action.wireName()).put("principal", caller.principal());
    if (caller.frame() != null) e.put("caller", caller.frame());
    e.put("resource", dataset.id()).put("dataset", dataset.dataset().id());
    if (decision.allowed()) {
      e.put("decision", "allow").put("outcome", "allowed");
    } else {
      e.put("decision", "deny").put("outcome", block ? "blocked" : "would_block").put("reason", reason());
    }
    if (decision.ruleId() != null) e.put("rule", decision.ruleId()); else e.putNull("rule");
    return e.put("mode", mode.wireName());
  }
}
