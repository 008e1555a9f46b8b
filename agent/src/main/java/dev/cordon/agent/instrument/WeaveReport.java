package dev.cordon.agent.instrument;

import dev.cordon.agent.audit.AuditEvent;
import dev.cordon.agent.log.Log;
import dev.cordon.agent.runtime.AgentRuntime;

/**
 * Says what was woven and, loudly, what could not be: an instrumentation that failed is printed on
 * stderr and audited as {@code agent.instrumentation_failed}, so enforcement never disappears
 * silently.
 */
public final class WeaveReport {
  private final AgentRuntime runtime;

  public WeaveReport(AgentRuntime runtime) {
    this.runtime = runtime;
  }

  void woven(String type, String hook) {
    Log.get().debug("woven {} into {}", hook, type);
  }

  void failed(String type, String why) {
    Log.get().error("could not instrument {}: {}; calls through it are NOT governed", type, why);
    runtime.state();
    if (runtime.audit() != null) {
      runtime.audit().append(AuditEvent.of("agent.instrumentation_failed").put("class", type).put("error", why));
    }
  }
}
