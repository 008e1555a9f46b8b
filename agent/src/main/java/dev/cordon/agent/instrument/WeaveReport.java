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

  /** Reports a hook point that no longer exists in this version of a library: never silently skipped. */
  public void expect(net.bytebuddy.description.type.TypeDescription type,
      net.bytebuddy.matcher.ElementMatcher<? super net.bytebuddy.description.method.MethodDescription> methods,
      String hook) {
    if (type.getDeclaredMethods().filter(methods).isEmpty()) {
      failed(type.getName(), "no method matches hook point '" + hook + "'");
    } else {
      woven(type.getName(), hook);
    }
  }

  void woven(String type, String hook) {
    dev.cordon.agent.transport.SocketBackstop.woven(type);
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
