package dev.cordon.agent.transport;

import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.ai.AiTarget;
import dev.cordon.agent.runtime.AgentRuntime;
import dev.cordon.agent.runtime.PolicyState;
import dev.cordon.agent.principal.Caller;
import dev.cordon.agent.principal.CallerResolver;
import java.io.IOException;

/**
 * What every transport adapter shares: recognising AI traffic (cheaply, for every request), skipping
 * requests an SDK hook already governed, and handing the rest to {@link AiGovernor}, the one
 * decision path, exactly like an SDK call.
 */
public final class WireGovernor {
  /** Request bodies larger than this are not read: decided on URL and headers, like a streaming body. */
  static final int MAX_BODY = 16 << 20;

  private final AgentRuntime runtime;
  private final AiGovernor governor;

  public WireGovernor(AgentRuntime runtime, AiGovernor governor) {
    this.runtime = runtime;
    this.governor = governor;
  }

  /**
   * The AI target of a request, or null for any other request. Before the policy has loaded, a
   * POST that could be AI traffic (to a host the policy might list) waits for it; everything else
   * is classified without waiting.
   */
  AiTarget classify(String method, String scheme, String host, int port, String url) {
    int start = url == null ? -1 : AiTraffic.pathStart(url);
    if (start < 0) return null;
    return classifyPath(method, scheme, host, port, url, start, AiTraffic.pathEnd(url, start));
  }

  /** Same, with the path given as {@code s[start, end)}. */
  AiTarget classifyPath(String method, String scheme, String host, int port, String s, int start, int end) {
    PolicyState st = runtime.stateNow();
    if (st == null) {
      AiTarget builtIn = AiTraffic.classify(null, method, scheme, host, port, s, start, end);
      if (builtIn == null && !"POST".equalsIgnoreCase(method)) return null;
      st = runtime.state();
    }
    return AiTraffic.classify(st == null ? null : st.policy(), method, scheme, host, port, s, start, end);
  }

  /** Whether an SDK hook above already governed this request (then only its token header is stripped). */
  boolean covered(AiTarget target, String token) {
    return GovernedCalls.covered(target, token);
  }

  /**
   * Decides an AI request the transport carries, on the thread of the application code that made it
   * (the principal is read from this thread's stack); throws the deny in enforce.
   */
  AiGovernor.Result govern(AiTarget target, byte[] body, boolean bodyUnread) throws IOException {
    return leased(target, governor.govern(target, bodyUnread ? null : body, null, bodyUnread));
  }

  /** Same, for a call whose principal was captured on the thread that started it ({@code caller} null: this thread). */
  AiGovernor.Result govern(AiTarget target, byte[] body, boolean bodyUnread, Caller caller) throws IOException {
    return leased(target, governor.govern(target, bodyUnread ? null : body, caller, bodyUnread));
  }

  /**
   * A request let through (allowed, or only reported in monitor): the socket backstop lets its
   * client connect to that endpoint, whichever thread the client connects from (Apache's I/O
   * reactor, an event loop).
   */
  private static AiGovernor.Result leased(AiTarget target, AiGovernor.Result result) {
    SocketBackstop.lease(target.host(), target.port());
    return result;
  }

  /** A fault outside {@code Dispatch} (a callback the agent handed to a client): audited; the exception to throw, or null. */
  RuntimeException fault(String where, Throwable t) {
    return governor.fault(where, t);
  }

  /** The principal of the code on this thread's stack, to decide with later on another thread. */
  Caller caller() {
    PolicyState st = runtime.state();
    return st != null && st.callers() != null ? st.callers().resolve() : CallerResolver.anonymous();
  }
}
