package dev.cordon.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Spec 5's message: principal, action, resource, deciding rule, and the smallest change that would allow. */
class ExplanationTest {
    private static final String DECLS = Yaml.HEAD
        + "principals:\n"
        + "  - { id: trainer, match: { code: [\"com.t.**\"] } }\n"
        + "  - { id: bot, match: { code: [\"com.b.**\"] } }\n"
        + "datasets:\n"
        + "  - { id: prod, env: production, files: [\"/p/**\"] }\n"
        + "  - { id: other, env: production, files: [\"/o/**\"] }\n"
        + "rules:\n";

    private static Decision decide(String rules, String principal, Action action, String file) {
        Policy p = Yaml.parse(DECLS + rules);
        return p.decide(principal, action, p.datasetForFile(file));
    }

    @Test
    void denyRuleNamingThePrincipalWhileAnAllowApplies() {
        String rules = "  - { id: reads, effect: allow, principals: [trainer], actions: [dataset.read], resources: [\"dataset:*\"] }\n"
            + "  - { id: no-prod, effect: deny, principals: [trainer, bot], actions: [\"dataset.*\"], resources: [\"dataset:env=production\"] }\n";
        assertEquals("denied: principal 'trainer' may not dataset.read on dataset:prod: denied by rule 'no-prod' (mode enforce); "
            + "to allow, remove principal 'trainer' from deny rule 'no-prod'",
            decide(rules, "trainer", Action.DATASET_READ, "/p/x").explanation());
    }

    @Test
    void denyRuleForEveryoneWithSeveralResources() {
        String rules = "  - { id: reads, effect: allow, principals: [\"*\"], actions: [dataset.read], resources: [\"dataset:*\"] }\n"
            + "  - { id: lock, effect: deny, principals: [\"*\"], actions: [dataset.read], resources: [\"dataset:prod\", \"dataset:other\"] }\n";
        assertEquals("denied: principal 'bot' may not dataset.read on dataset:prod: denied by rule 'lock' (mode enforce); "
            + "to allow, remove resource \"dataset:prod\" from deny rule 'lock'",
            decide(rules, "bot", Action.DATASET_READ, "/p/x").explanation());
    }

    @Test
    void denyRuleForEveryoneWithSeveralActions() {
        String rules = "  - { id: reads, effect: allow, principals: [\"*\"], actions: [dataset.read], resources: [\"dataset:*\"] }\n"
            + "  - { id: lock, effect: deny, principals: [\"*\"], actions: [dataset.read, dataset.write], resources: [\"dataset:prod\"] }\n";
        assertEquals("denied: principal 'bot' may not dataset.read on dataset:prod: denied by rule 'lock' (mode enforce); "
            + "to allow, remove action dataset.read from deny rule 'lock'",
            decide(rules, "bot", Action.DATASET_READ, "/p/x").explanation());
    }

    @Test
    void broadDenyRule() {
        String rules = "  - { id: lockdown, effect: deny, principals: [\"*\"], actions: [\"*\"], resources: [\"*\"] }\n";
        assertEquals("denied: principal 'bot' may not dataset.write on dataset:other: denied by rule 'lockdown' (mode enforce); "
            + "to allow, delete or narrow deny rule 'lockdown' (it covers every principal for this request) and add a rule: "
            + "{effect: allow, principals: [bot], actions: [dataset.write], resources: [\"dataset:other\"]}",
            decide(rules, "bot", Action.DATASET_WRITE, "/o/x").explanation());
    }

    @Test
    void severalDenyRulesAllNeedChanging() {
        String rules = "  - { id: d1, effect: deny, principals: [bot], actions: [dataset.read], resources: [\"dataset:prod\"] }\n"
            + "  - { id: d2, effect: deny, principals: [trainer, bot], actions: [dataset.read], resources: [\"dataset:*\"] }\n";
        assertEquals("denied: principal 'bot' may not dataset.read on dataset:prod: denied by rule 'd1' (mode enforce); "
            + "to allow, remove principal 'bot' from deny rule 'd1' and remove principal 'bot' from deny rule 'd2' and add a rule: "
            + "{effect: allow, principals: [bot], actions: [dataset.read], resources: [\"dataset:prod\"]}",
            decide(rules, "bot", Action.DATASET_READ, "/p/x").explanation());
    }

    @Test
    void anonymousAndUndeclaredPrincipals() {
        assertEquals("denied: principal 'anonymous' may not dataset.read on dataset:prod: no rule allows (mode enforce); "
            + "to allow, add a rule: {effect: allow, principals: [anonymous], actions: [dataset.read], resources: [\"dataset:prod\"]} "
            + "(or declare a principal that matches this caller and name it instead)",
            decide("", "anonymous", Action.DATASET_READ, "/p/x").explanation());
        assertEquals("denied: principal 'ghost' may not dataset.read on dataset:prod: no rule allows (mode enforce); "
            + "to allow, declare principal 'ghost' under principals and add a rule: "
            + "{effect: allow, principals: [ghost], actions: [dataset.read], resources: [\"dataset:prod\"]}",
            decide("", "ghost", Action.DATASET_READ, "/p/x").explanation());
    }

    @Test
    void monitorModeIsSaid() {
        Policy p = Yaml.parse(DECLS.replace("mode: enforce", "mode: monitor"));
        Decision d = p.decide("bot", Action.VECTOR_QUERY, p.vector("docs"));
        assertEquals("denied: principal 'bot' may not vector.query on vector:docs: no rule allows (mode monitor: audited, not blocked); "
            + "to allow, add a rule: {effect: allow, principals: [bot], actions: [vector.query], resources: [\"vector:docs\"]}",
            d.explanation());
    }

    @Test
    void allowedExplanationNamesRuleAndConditions() {
        Policy p = Yaml.parse(DECLS + "  - { id: chat, effect: allow, principals: [bot], actions: [model.chat], "
            + "resources: [\"model:openai/*\"], limits: { max_output_tokens: 100, stream: false }, redact: { prompt: [EMAIL] } }\n");
        Decision d = p.decide("bot", Action.MODEL_CHAT, p.resolveModel("openai", "gpt-4o"));
        assertEquals("allowed: principal 'bot' may model.chat on model:openai/gpt-4o by rule 'chat' (mode enforce); "
            + "limits {max_output_tokens: 100, stream: false}; redacts prompt [EMAIL]", d.explanation());
        assertSame(d.explanation(), d.explanation());
        assertEquals(d.explanation(), d.toString());
    }
}
