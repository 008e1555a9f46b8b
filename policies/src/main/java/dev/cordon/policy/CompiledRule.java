package dev.cordon.policy;

/** A rule ready for matching: its resources compiled; principal and action are indexed by {@link RuleEngine}. */
final class CompiledRule {
    final RuleDef def;
    final boolean deny;
    private final ResourceMatcher[] resources;

    CompiledRule(RuleDef def) {
        this.def = def;
        this.deny = def.effect() == Effect.DENY;
        this.resources = def.resources().stream().map(ResourceMatcher::of).toArray(ResourceMatcher[]::new);
    }

    boolean matches(Resource r) {
        for (ResourceMatcher m : resources) {
            if (m.matches(r)) {
                return true;
            }
        }
        return false;
    }
}
