package dev.cordon.agent.runtime;

import dev.cordon.agent.config.AgentOptions;
import dev.cordon.policy.Mode;
import dev.cordon.policy.Policy;

/**
 * The global mode (spec 1): an override (agent argument, system property, environment) beats the
 * policy's {@code mode} unless the policy says {@code lock_mode: true}. Without a usable policy the
 * override decides, else {@code monitor} when there is no policy and {@code enforce} when it is
 * broken (a broken policy fails closed).
 */
public final class ModeResolver {
  private ModeResolver() {}

  /** The outcome, and whether an override was refused because of {@code lock_mode}. */
  public record Resolved(Mode mode, boolean overrideRefused, String problem) {}

  public static Resolved resolve(AgentOptions options, Policy policy, boolean policyBroken) {
    Mode override = null;
    String problem = null;
    if (options.mode() != null) {
      override = Mode.parse(options.mode());
      if (override == null) {
        problem = "ignoring unknown mode '" + options.mode() + "' from " + options.modeSource()
            + " (expected enforce or monitor)";
      }
    }
    if (policy != null) {
      if (override != null && policy.lockMode() && override != policy.mode()) {
        return new Resolved(policy.mode(), true, problem);
      }
      return new Resolved(override != null ? override : policy.mode(), false, problem);
    }
    if (override != null) return new Resolved(override, false, problem);
    return new Resolved(policyBroken ? Mode.ENFORCE : Mode.MONITOR, false, problem);
  }
}
