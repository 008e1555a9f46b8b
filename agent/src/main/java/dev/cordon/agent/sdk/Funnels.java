package dev.cordon.agent.sdk;

import dev.cordon.agent.ai.AiTarget;
import dev.cordon.agent.transport.GovernedCalls;
import dev.cordon.agent.transport.SocketBackstop;
import dev.cordon.bootstrap.GovernedCall;

/**
 * Tells the transports that a call decided at a client library's funnel is governed: the
 * transport marker for its endpoint is set on this thread for as long as the library's outermost
 * funnel runs (the transports it starts on this thread then neither decide nor audit it again).
 */
final class Funnels {
  private Funnels() {}

  static void governed(AiTarget target) {
    // An SDK may connect from a thread of its own (an event loop): its connects to this endpoint are covered for a while.
    SocketBackstop.lease(target.host(), target.port());
    if (GovernedCall.active()) GovernedCall.bind(GovernedCalls.onThread(target));
  }
}
