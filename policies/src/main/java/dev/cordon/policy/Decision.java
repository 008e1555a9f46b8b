package dev.cordon.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer for one (principal, action, resource). Immutable; decisions are cached and shared
 * between threads, and the explanation is built only when someone asks for it (the hot path
 * never does).
 */
public final class Decision {
    private final Effect effect;
    private final RuleDef rule;
    private final Mode mode;
    private final Limits limits;
    private final Set<String> promptRedactions;
    private final Set<String> outputRedactions;
    private final Map<String, String> masks;
    private final String credentialId;
    // What the explanation needs.
    private final String principal;
    private final Action action;
    private final String resourceId;
    private final List<RuleDef> denies;
    private final boolean allowApplies;
    private final PrincipalKind principalKind;
    /** Why separation: strict turned an allow into this deny; null otherwise. */
    private final String separation;
    private volatile String explanation;

    /** How the principal id relates to the policy, for the explanation. */
    enum PrincipalKind { DECLARED, ANONYMOUS, UNDECLARED }

    Decision(Effect effect, RuleDef rule, Mode mode, Limits limits, Set<String> promptRedactions,
             Set<String> outputRedactions, Map<String, String> masks, String credentialId,
             String principal, PrincipalKind principalKind, Action action, String resourceId,
             List<RuleDef> denies, boolean allowApplies) {
        this(effect, rule, mode, limits, promptRedactions, outputRedactions, masks, credentialId, principal,
            principalKind, action, resourceId, denies, allowApplies, null);
    }

    Decision(Effect effect, RuleDef rule, Mode mode, Limits limits, Set<String> promptRedactions,
             Set<String> outputRedactions, Map<String, String> masks, String credentialId,
             String principal, PrincipalKind principalKind, Action action, String resourceId,
             List<RuleDef> denies, boolean allowApplies, String separation) {
        this.effect = effect;
        this.rule = rule;
        this.mode = mode;
        this.limits = limits;
        this.promptRedactions = promptRedactions;
        this.outputRedactions = outputRedactions;
        this.masks = masks;
        this.credentialId = credentialId;
        this.principal = principal;
        this.principalKind = principalKind;
        this.action = action;
        this.resourceId = resourceId;
        this.denies = denies;
        this.allowApplies = allowApplies;
        this.separation = separation;
    }

    public boolean allowed() {
        return effect == Effect.ALLOW;
    }

    public Effect effect() {
        return effect;
    }

    /** The deciding rule's id; null when no rule allows. */
    public String ruleId() {
        return rule == null ? null : rule.id();
    }

    /** The deciding rule, or null. */
    public RuleDef rule() {
        return rule;
    }

    /** Effective mode: the deciding rule's {@code mode} if set, else the policy's. */
    public Mode mode() {
        return mode;
    }

    /** Strictest combination over the applicable allows; {@link Limits#NONE} on deny. */
    public Limits limits() {
        return limits;
    }

    public Set<String> promptRedactions() {
        return promptRedactions;
    }

    public Set<String> outputRedactions() {
        return outputRedactions;
    }

    /** Column (as written in the policy, e.g. "customers.email") to HASH, LAST4, REDACT or TAG. */
    public Map<String, String> masks() {
        return masks;
    }

    /** The credential of the first applicable allow that names one, or null. */
    public String credentialId() {
        return credentialId;
    }

    public String principal() {
        return principal;
    }

    public Action action() {
        return action;
    }

    /** The resolved resource string, as in the audit log. */
    public String resourceId() {
        return resourceId;
    }

    /** Every applicable deny rule, in declaration order (empty when allowed). */
    public List<RuleDef> applicableDenies() {
        return denies;
    }

    /** Whether some allow rule applied (it may still be overruled by a deny). */
    public boolean allowApplies() {
        return allowApplies;
    }

    /** Why {@code separation: strict} denied this (an allow rule applied), or null. */
    public String separation() {
        return separation;
    }

    PrincipalKind principalKind() {
        return principalKind;
    }

    /** Spec 5's message: who, what, on what, which rule, and the smallest change that would allow it. */
    public String explanation() {
        String e = explanation;
        if (e == null) {
            e = Explanations.of(this);
            explanation = e;
        }
        return e;
    }

    @Override
    public String toString() {
        return explanation();
    }
}
