package dev.cordon.agent.jdbc;

import dev.cordon.agent.audit.AuditEvent;
import dev.cordon.agent.audit.AuditLog;
import dev.cordon.agent.data.JsonLists;
import dev.cordon.agent.data.DatasetVerdict;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The audit entries of one result set, written once when it is done (exhausted, stopped by
 * {@code max_rows}, closed, or at shutdown), so that each carries the rows the application got.
 */
final class ReadAudit {
  private static final Set<ReadAudit> PENDING = Collections.synchronizedSet(
      Collections.newSetFromMap(new IdentityHashMap<>()));

  private final AuditLog log;
  private final StatementPlan plan;
  private final List<String> maskedColumns;
  private final List<String> wouldMaskColumns;
  private final AtomicBoolean done = new AtomicBoolean();

  ReadAudit(AuditLog log, StatementPlan plan, List<String> maskedColumns, List<String> wouldMaskColumns) {
    this.log = log;
    this.plan = plan;
    this.maskedColumns = maskedColumns;
    this.wouldMaskColumns = wouldMaskColumns;
    PENDING.add(this);
  }

  /** Writes the entries (once). {@code error} is the failure's class when the query itself failed. */
  void finish(long rows, boolean truncated, boolean wouldTruncate, String error) {
    if (!done.compareAndSet(false, true)) return;
    PENDING.remove(this);
    if (log == null) return;
    for (DatasetVerdict v : plan.reads()) {
      AuditEvent e = v.event().put("sql", plan.facts().scrubbed())
          .putRaw("tables", JsonLists.of(plan.tablesByDataset().get(v.dataset().dataset().id())))
          .put("rows", rows);
      if (!maskedColumns.isEmpty()) {
        e.putRaw("masked", JsonLists.of(maskedColumns)).put("outcome", "redacted");
      } else if (!wouldMaskColumns.isEmpty()) {
        e.putRaw("would_mask", JsonLists.of(wouldMaskColumns)).put("outcome", "would_redact");
      }
      if (truncated) e.put("truncated", true).put("max_rows", plan.maxRows());
      else if (wouldTruncate) e.put("would_truncate", true).put("max_rows", plan.wouldMaxRows());
      if (error != null) e.put("error", error);
      log.append(e);
    }
  }

  /** At shutdown: result sets still open are audited with the rows read so far. */
  static void flushAll() {
    ReadAudit[] all;
    synchronized (PENDING) {
      all = PENDING.toArray(new ReadAudit[0]);
    }
    for (ReadAudit a : all) a.abandoned();
  }

  private volatile long rowsSoFar;

  void progress(long rows) {
    rowsSoFar = rows;
  }

  private void abandoned() {
    finish(rowsSoFar, false, false, null);
  }
}
