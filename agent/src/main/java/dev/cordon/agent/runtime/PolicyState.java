package dev.cordon.agent.runtime;

import dev.cordon.agent.principal.CallerResolver;
import dev.cordon.policy.Mode;
import dev.cordon.policy.Policy;
import dev.cordon.policy.RuleDef;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One immutable snapshot of what the agent enforces: the compiled policy (null when none was found
 * or the first one was broken), the global mode after overrides, and what follows from them.
 * Swapped atomically on reload; nothing in it can be changed after construction.
 *
 * @param policy the compiled policy, or null
 * @param mode the global effective mode
 * @param path the policy file, or null when none was found
 * @param failClosed whether an agent fault blocks the call (true) or lets it through (false)
 */
public record PolicyState(Policy policy, Mode mode, Path path, boolean failClosed, CallerResolver callers,
    Map<String, Mode> ruleModes, String service) {

  public static PolicyState of(Policy policy, Mode mode, Path path, Boolean failOverride, String service) {
    Map<String, Mode> ruleModes = new HashMap<>();
    CallerResolver callers = null;
    if (policy != null) {
      for (RuleDef r : policy.rules()) if (r.mode() != null) ruleModes.put(r.id(), r.mode());
      callers = new CallerResolver(policy.principalSelector(), service);
    }
    boolean failClosed = failOverride != null ? failOverride : mode == Mode.ENFORCE;
    return new PolicyState(policy, mode, path, failClosed, callers, Map.copyOf(ruleModes), service);
  }

  /** Spec 5: the deciding rule's own mode when it has one, else the global mode. */
  public Mode effectiveMode(String ruleId) {
    if (ruleId == null) return mode;
    Mode m = ruleModes.get(ruleId);
    return m == null ? mode : m;
  }
}
