package dev.cordon.agent.ai;

import dev.cordon.policy.Action;
import dev.cordon.policy.Decision;
import dev.cordon.policy.Limits;

/** Spec 5: a request over a limit of the allowing rules (tokens, an unlisted tool, streaming) is denied. */
final class LimitCheck {
  private LimitCheck() {}

  static String problem(Decision decision, WireRequest req, Action action) {
    Limits limits = decision.limits();
    String rule = decision.ruleId();
    long max = limits.maxOutputTokens();
    if (max >= 0 && req.outputCap() > max) {
      return req.capField() + " " + req.outputCap() + " exceeds limits.max_output_tokens " + max
          + " (to allow, raise limits.max_output_tokens of rule '" + rule + "' to " + req.outputCap()
          + ", or ask for at most " + max + ")";
    }
    if (limits.tools() != null) {
      for (String tool : req.tools()) {
        if (!limits.tools().contains(tool)) {
          return "tool '" + tool + "' is not in limits.tools " + limits.tools()
              + " (to allow, add '" + tool + "' to limits.tools of rule '" + rule + "')";
        }
      }
    }
    if (Boolean.FALSE.equals(limits.stream()) && req.stream()) {
      return "streaming is not allowed (limits.stream is false; to allow, set limits.stream: true in rule '"
          + rule + "')";
    }
    return null;
  }
}
