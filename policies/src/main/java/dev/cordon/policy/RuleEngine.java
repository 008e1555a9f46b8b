package dev.cordon.policy;

import dev.cordon.policy.load.ActionPatterns;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spec 5's decision procedure. At load, rules are bucketed by (principal slot, action) so a
 * decision only looks at rules whose principal and action already match; decisions are then
 * memoized in the resource instance, so the steady state is one map lookup (principal id to
 * slot) and one array read, without allocation.
 *
 * <p>Slots: 0..n-1 declared principals, n = anonymous. A principal id the policy does not know
 * is matched only by {@code "*"} rules and is never cached (its id is part of the explanation).
 */
final class RuleEngine {
    private static final int ACTIONS = Action.values().length;

    private final Mode policyMode;
    private final int anonymousSlot;
    private final Map<String, Integer> slots = new HashMap<>();
    /** [slot * ACTIONS + action] -> rules in declaration order. */
    private final CompiledRule[][] table;
    /** [action] -> rules with principal "*" (for undeclared principal ids). */
    private final CompiledRule[][] starTable;
    /** Set for {@code separation: strict}; null otherwise. */
    private Separation separation;

    RuleEngine(Mode policyMode, List<PrincipalDef> principals, List<RuleDef> rules) {
        this.policyMode = policyMode;
        this.anonymousSlot = principals.size();
        for (int i = 0; i < principals.size(); i++) {
            slots.put(principals.get(i).id(), i);
        }
        slots.put(PrincipalSelector.ANONYMOUS, anonymousSlot);
        int slotCount = anonymousSlot + 1;
        List<List<CompiledRule>> buckets = new ArrayList<>();
        for (int i = 0; i < slotCount * ACTIONS; i++) {
            buckets.add(new ArrayList<>());
        }
        List<List<CompiledRule>> star = new ArrayList<>();
        for (int i = 0; i < ACTIONS; i++) {
            star.add(new ArrayList<>());
        }
        for (RuleDef def : rules) {
            CompiledRule rule = new CompiledRule(def);
            int actionMask = 0;
            for (String a : def.actions()) {
                actionMask |= ActionPatterns.mask(a);
            }
            boolean anyPrincipal = def.principals().contains("*");
            for (int slot = 0; slot < slotCount; slot++) {
                String id = slot == anonymousSlot ? PrincipalSelector.ANONYMOUS : principals.get(slot).id();
                if (anyPrincipal || def.principals().contains(id)) {
                    for (int a = 0; a < ACTIONS; a++) {
                        if ((actionMask & (1 << a)) != 0) {
                            buckets.get(slot * ACTIONS + a).add(rule);
                        }
                    }
                }
            }
            if (anyPrincipal) {
                for (int a = 0; a < ACTIONS; a++) {
                    if ((actionMask & (1 << a)) != 0) {
                        star.get(a).add(rule);
                    }
                }
            }
        }
        table = buckets.stream().map(l -> l.toArray(new CompiledRule[0])).toArray(CompiledRule[][]::new);
        starTable = star.stream().map(l -> l.toArray(new CompiledRule[0])).toArray(CompiledRule[][]::new);
    }

    /** Turns on {@code separation: strict}; called once, before the first decision. */
    void separate(Separation s) {
        this.separation = s;
    }

    /** Size of a resource's decision cache. */
    int cacheSize() {
        return (anonymousSlot + 1) * ACTIONS;
    }

    /** The slot of a principal id: declared index, anonymous, or -1 for an id the policy does not know. */
    int slot(String principalId) {
        Integer s = slots.get(principalId);
        return s == null ? -1 : s;
    }

    int anonymousSlot() {
        return anonymousSlot;
    }

    Decision decide(int slot, String principalId, Action action, Resource resource, DecisionCache cache) {
        if (slot < 0 || cache == null || cache.owner != this) {
            return compute(slot, principalId, action, resource);
        }
        int i = slot * ACTIONS + action.ordinal();
        Decision d = cache.get(i);
        if (d == null) {
            d = compute(slot, principalId, action, resource);
            cache.put(i, d);
        }
        return d;
    }

    Decision compute(int slot, String principalId, Action action, Resource resource) {
        CompiledRule[] candidates = slot >= 0 ? table[slot * ACTIONS + action.ordinal()] : starTable[action.ordinal()];
        List<RuleDef> denies = new ArrayList<>(0);
        List<RuleDef> allows = new ArrayList<>(0);
        for (CompiledRule r : candidates) {
            if (r.matches(resource)) {
                (r.deny ? denies : allows).add(r.def);
            }
        }
        Decision.PrincipalKind kind = slot < 0 ? Decision.PrincipalKind.UNDECLARED
            : slot == anonymousSlot ? Decision.PrincipalKind.ANONYMOUS : Decision.PrincipalKind.DECLARED;
        List<RuleDef> deniesView = List.copyOf(denies);
        if (!denies.isEmpty()) {
            RuleDef decider = denies.get(0);
            return new Decision(Effect.DENY, decider, modeOf(decider), Limits.NONE, Set.of(), Set.of(), Map.of(), null,
                principalId, kind, action, resource.id(), deniesView, !allows.isEmpty());
        }
        if (allows.isEmpty()) {
            return new Decision(Effect.DENY, null, policyMode, Limits.NONE, Set.of(), Set.of(), Map.of(), null,
                principalId, kind, action, resource.id(), List.of(), false);
        }
        Limits limits = Limits.NONE;
        Set<String> prompt = new LinkedHashSet<>();
        Set<String> output = new LinkedHashSet<>();
        Map<String, String> masks = new LinkedHashMap<>();
        String credential = null;
        for (RuleDef r : allows) {
            limits = limits.strictest(r.limits());
            prompt.addAll(r.redactPrompt());
            output.addAll(r.redactOutput());
            for (Map.Entry<String, String> m : r.mask().entrySet()) {
                masks.merge(m.getKey(), m.getValue(), Masks::stricter);
            }
            if (credential == null) {
                credential = r.credential();
            }
        }
        if (separation != null && resource instanceof DatasetRef d) {
            String why = separation.violation(slot, rulesFor(slot), d, allows);
            if (why != null) {
                return new Decision(Effect.DENY, null, policyMode, Limits.NONE, Set.of(), Set.of(), Map.of(), null,
                    principalId, kind, action, resource.id(), List.of(), true,
                    "separation: strict (dataset '" + d.dataset().id() + "' is in env '" + d.dataset().env()
                        + "' and " + why + ")");
            }
        }
        RuleDef decider = allows.get(0);
        return new Decision(Effect.ALLOW, decider, modeOf(decider), limits, Collections.unmodifiableSet(prompt),
            Collections.unmodifiableSet(output), Collections.unmodifiableMap(masks), credential,
            principalId, kind, action, resource.id(), List.of(), true);
    }

    /** The principal's rules per action ({@link Action#ordinal()}), for separation's anchor. */
    private CompiledRule[][] rulesFor(int slot) {
        CompiledRule[][] out = new CompiledRule[ACTIONS][];
        for (int a = 0; a < ACTIONS; a++) {
            out[a] = slot >= 0 ? table[slot * ACTIONS + a] : starTable[a];
        }
        return out;
    }

    private Mode modeOf(RuleDef decider) {
        return decider.mode() != null ? decider.mode() : policyMode;
    }
}
