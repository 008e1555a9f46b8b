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

  /** {@code limits.n_epochs} against a fine-tuning job; a job with no hyper-parameters at all gets the limit added instead. */
  static String epochsProblem(Decision decision, FineTuneWire.Epochs epochs) {
    long max = decision.limits().maxEpochs();
    if (max < 0) return null;
    String rule = decision.ruleId();
    if (epochs.value() > max) {
      return "n_epochs " + epochs.value() + " exceeds limits.n_epochs " + max + " (to allow, raise limits.n_epochs of rule '"
          + rule + "' to " + epochs.value() + ", or ask for at most " + max + ")";
    }
    if (epochs.value() == FineTuneWire.AUTO || (epochs.value() == FineTuneWire.ABSENT && epochs.hasHyperparameters())) {
      return "the job leaves n_epochs to the provider (" + FineTuneWire.describe(epochs.value())
          + "), which may exceed limits.n_epochs " + max + " (to allow, set n_epochs to at most " + max + ")";
    }
    return null;
  }
}
