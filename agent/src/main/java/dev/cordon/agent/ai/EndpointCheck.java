package dev.cordon.agent.ai;

import dev.cordon.policy.EndpointDef;
import dev.cordon.policy.Policy;

/**
 * Spec 6: when {@code endpoints} is present it is an egress allow-list for AI traffic; an entry
 * with {@code tls: required} refuses plain http. Loopback needs no TLS unless listed as required.
 */
final class EndpointCheck {
  private EndpointCheck() {}

  static String problem(Policy policy, EndpointDef endpoint, AiTarget target) {
    if (!policy.hasEndpoints()) return null;
    if (endpoint == null) {
      return "AI traffic to " + target.host() + ":" + target.port() + " is not allowed by the policy's endpoints"
          + " (to allow, add {host: " + target.host() + ", port: " + target.port() + "} under endpoints)";
    }
    if (endpoint.tls() == EndpointDef.Tls.REQUIRED && !"https".equals(target.scheme())) {
      return "endpoint " + target.host() + " requires TLS but the request uses " + target.scheme()
          + " (to allow, use https or set tls: optional for that endpoint)";
    }
    return null;
  }
}
