package dev.cordon.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Assertions;

/**
 * The decision algebra of spec 5 over random policies: deny wins, allows only add, denies only
 * remove, no rules deny everything, rule order does not change the outcome, and the suggested
 * rule of a "no rule allows" explanation does allow; cached and uncached answers agree.
 */
class AlgebraPropertiesTest {
    private static final String DECLS = "version: 1\nmode: enforce\n"
        + "principals:\n"
        + "  - { id: p0, match: { code: [\"com.p0.**\"] } }\n"
        + "  - { id: p1, match: { threads: [\"p1-*\"] } }\n"
        + "  - { id: p2, match: { code: [\"com.p2.**\"], threads: [\"w-*\"] } }\n"
        + "models:\n"
        + "  - { id: m0, provider: openai, model: \"gpt-*\" }\n"
        + "  - { id: m1, provider: \"*\", model: \"claude*\" }\n"
        + "datasets:\n"
        + "  - { id: d0, env: production, labels: [pii], files: [\"/d0/**\"] }\n"
        + "  - { id: d1, env: training, labels: [pii, public], files: [\"/d1/**\"] }\n";

    private static final List<String> PRINCIPALS = List.of("p0", "p1", "p2", "anonymous", "*");
    private static final List<String> ACTIONS = List.of("model.chat", "model.embed", "model.fine_tune", "model.files",
        "dataset.read", "dataset.write", "vector.query", "vector.write", "model.*", "dataset.*", "vector.*", "*");
    private static final List<String> RESOURCES = List.of("*", "model:*", "model:m0", "model:m1", "model:openai/gpt-4*",
        "model:*/claude-3*", "model:anthropic/*", "dataset:*", "dataset:d0", "dataset:d1", "dataset:env=production",
        "dataset:label=pii", "dataset:label=public", "vector:*", "vector:docs*");
    /** Concrete requests' resources, as the CLI writes them. */
    private static final List<String> TARGETS = List.of("model:openai/gpt-4o", "model:openai/o1", "model:anthropic/claude-3-haiku",
        "model:bedrock/titan", "model:m1", "dataset:d0", "dataset:d1", "vector:docs-1", "vector:x");

    record RuleSpec(boolean deny, List<String> principals, List<String> actions, List<String> resources, String mode) {
        String yaml(String id) {
            return "  - { id: " + id + ", effect: " + (deny ? "deny" : "allow") + ", principals: " + list(principals)
                + ", actions: " + list(actions) + ", resources: " + list(resources) + (mode == null ? "" : ", mode: " + mode) + " }\n";
        }
    }

    record Request(String principal, Action action, String resource) { }

    private static String list(List<String> items) {
        List<String> quoted = new ArrayList<>();
        for (String s : items) {
            quoted.add("\"" + s + "\"");
        }
        return "[" + String.join(", ", quoted) + "]";
    }

    private static Policy policy(List<RuleSpec> rules) {
        StringBuilder b = new StringBuilder(DECLS + "rules:\n");
        for (int i = 0; i < rules.size(); i++) {
            b.append(rules.get(i).yaml("r" + i));
        }
        return Yaml.parse(b.toString());
    }

    private static Decision decide(Policy p, Request q) {
        return p.explain(q.principal(), q.action().wireName(), q.resource());
    }

    private static List<RuleSpec> with(List<RuleSpec> rules, RuleSpec extra, int at) {
        List<RuleSpec> out = new ArrayList<>(rules);
        out.add(Math.floorMod(at, rules.size() + 1), extra);
        return out;
    }

    @Property(tries = 300)
    void aDenyAlwaysWins(@ForAll("rules") List<RuleSpec> rules, @ForAll("requests") Request q,
                         @ForAll @IntRange(min = 0, max = 20) int at, @ForAll boolean byStar) {
        String who = byStar || q.principal().equals("stranger") ? "*" : q.principal();
        String what = byStar ? "*" : q.resource();
        RuleSpec deny = new RuleSpec(true, List.of(who), List.of(q.action().wireName()), List.of(what), null);
        Decision d = decide(policy(with(rules, deny, at)), q);
        Assertions.assertFalse(d.allowed(), d::explanation);
        Assertions.assertNotNull(d.ruleId());
    }

    @Property(tries = 300)
    void addingAnAllowNeverRemovesAccess(@ForAll("rules") List<RuleSpec> rules, @ForAll("allowRule") RuleSpec allow,
                                         @ForAll("requests") Request q, @ForAll @IntRange(min = 0, max = 20) int at) {
        if (decide(policy(rules), q).allowed()) {
            Decision after = decide(policy(with(rules, allow, at)), q);
            Assertions.assertTrue(after.allowed(), after::explanation);
        }
    }

    @Property(tries = 300)
    void addingADenyNeverAddsAccess(@ForAll("rules") List<RuleSpec> rules, @ForAll("denyRule") RuleSpec deny,
                                    @ForAll("requests") Request q, @ForAll @IntRange(min = 0, max = 20) int at) {
        if (decide(policy(with(rules, deny, at)), q).allowed()) {
            Assertions.assertTrue(decide(policy(rules), q).allowed());
        }
    }

    @Property(tries = 100)
    void noRulesDenyEverything(@ForAll("requests") Request q) {
        Decision d = decide(policy(List.of()), q);
        Assertions.assertFalse(d.allowed());
        Assertions.assertNull(d.ruleId());
        Assertions.assertEquals(Mode.ENFORCE, d.mode());
    }

    @Property(tries = 300)
    void ruleOrderDoesNotChangeTheOutcome(@ForAll("rules") List<RuleSpec> rules, @ForAll("requests") Request q,
                                          @ForAll long seed) {
        List<RuleSpec> shuffled = new ArrayList<>(rules);
        Collections.shuffle(shuffled, new Random(seed));
        Decision a = decide(policy(rules), q);
        Decision b = decide(policy(shuffled), q);
        Assertions.assertEquals(a.allowed(), b.allowed());
        Assertions.assertEquals(a.limits().maxOutputTokens(), b.limits().maxOutputTokens());
        Assertions.assertEquals(a.promptRedactions(), b.promptRedactions());
    }

    @Property(tries = 300)
    void theSuggestedRuleAllows(@ForAll("rules") List<RuleSpec> rules, @ForAll("requests") Request q) {
        Policy p = policy(rules);
        Decision d = decide(p, q);
        if (d.allowed() || d.ruleId() != null || q.principal().equals("stranger")) {
            return;
        }
        String e = d.explanation();
        int from = e.indexOf("add a rule: {") + "add a rule: ".length();
        String suggested = e.substring(from, e.indexOf('}', from) + 1).replace("{effect", "{id: suggested, effect");
        StringBuilder b = new StringBuilder(DECLS + "rules:\n");
        for (int i = 0; i < rules.size(); i++) {
            b.append(rules.get(i).yaml("r" + i));
        }
        b.append("  - ").append(suggested).append('\n');
        Decision fixed = decide(Yaml.parse(b.toString()), q);
        Assertions.assertTrue(fixed.allowed(), () -> e + "\n=> " + fixed.explanation());
    }

    @Property(tries = 300)
    void cachedAndUncachedDecisionsAgree(@ForAll("rules") List<RuleSpec> rules, @ForAll("requests") Request q) {
        Policy p = policy(rules);
        Decision cached = decide(p, q);
        Decision again = decide(p, q);
        // A Resource of a foreign class is read from its id and decided without any cache. (The
        // request's own string, not the resolved id: "model:m0" would no longer carry the model name.)
        String id = q.resource();
        Decision uncached = p.decide(q.principal(), q.action(), () -> id);
        if (!q.principal().equals("stranger")) {
            Assertions.assertSame(cached, again);      // ids the policy does not know are never cached
        }
        Assertions.assertEquals(cached.allowed(), uncached.allowed());
        Assertions.assertEquals(cached.ruleId(), uncached.ruleId());
        Assertions.assertEquals(cached.mode(), uncached.mode());
        Assertions.assertEquals(cached.limits(), uncached.limits());
        Assertions.assertEquals(cached.explanation(), uncached.explanation());
    }

    @Provide
    Arbitrary<List<RuleSpec>> rules() {
        return Arbitraries.oneOf(allowRule(), denyRule()).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<RuleSpec> allowRule() {
        return rule(false);
    }

    @Provide
    Arbitrary<RuleSpec> denyRule() {
        return rule(true);
    }

    private Arbitrary<RuleSpec> rule(boolean deny) {
        Arbitrary<List<String>> principals = Arbitraries.of(PRINCIPALS).list().uniqueElements().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<String>> actions = Arbitraries.of(ACTIONS).list().uniqueElements().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<String>> resources = Arbitraries.of(RESOURCES).list().uniqueElements().ofMinSize(1).ofMaxSize(3);
        Arbitrary<String> mode = Arbitraries.of("enforce", "monitor").injectNull(0.6);
        return Combinators.combine(principals, actions, resources, mode)
            .as((p, a, r, m) -> new RuleSpec(deny, p, applicable(a, r), r, m));
    }

    /** Validation refuses a rule whose actions never act on its resources; add "*" then. */
    private static List<String> applicable(List<String> actions, List<String> resources) {
        for (String r : resources) {
            String family = r.equals("*") ? null : r.substring(0, r.indexOf(':'));
            for (String a : actions) {
                if (family == null || a.equals("*") || a.startsWith(family + ".")) {
                    return actions;
                }
            }
        }
        List<String> out = new ArrayList<>(actions);
        out.add("*");
        return out;
    }

    @Provide
    Arbitrary<Request> requests() {
        // Only requests the agent can make: an action on a resource of its own family.
        return Combinators.combine(Arbitraries.of("p0", "p1", "p2", "anonymous", "stranger"), Arbitraries.of(Action.class),
            Arbitraries.of(TARGETS)).as(Request::new).filter(q -> q.resource().startsWith(q.action().family() + ":"));
    }
}
