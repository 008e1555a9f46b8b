package dev.cordon.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec 5: default deny, deny wins, allows combine, per-rule mode; and spec 4's resource forms. */
class DecisionTest {
    private static final String DECLS = "version: 1\nmode: enforce\n"
        + "principals:\n"
        + "  - { id: a, match: { code: [\"com.a.**\"] } }\n"
        + "  - { id: b, match: { code: [\"com.b.**\"] } }\n"
        + "  - { id: c, match: { threads: [\"c-*\"] } }\n"
        + "models:\n"
        + "  - { id: small, provider: openai, model: \"gpt-4o-mini*\" }\n"
        + "  - { id: any-claude, provider: \"*\", model: \"claude-*\" }\n"
        + "datasets:\n"
        + "  - { id: prod, env: production, labels: [pii, finance], files: [\"/srv/prod/**\"] }\n"
        + "  - { id: train, env: training, labels: [public], files: [\"/srv/train/**\"] }\n"
        + "credentials:\n"
        + "  - { id: k1, provider: openai, file: /k1 }\n"
        + "  - { id: k2, provider: openai, file: /k2 }\n"
        + "redaction:\n  custom:\n    - { id: EMP, terms: [x] }\n";

    private static Policy policy(String rules) {
        return Yaml.parse(DECLS + "rules:\n" + rules);
    }

    private static String allow(String id, String principals, String actions, String resources, String extra) {
        return "  - { id: " + id + ", effect: allow, principals: [" + principals + "], actions: [" + actions
            + "], resources: [" + resources + "]" + (extra.isEmpty() ? "" : ", " + extra) + " }\n";
    }

    private static String deny(String id, String principals, String actions, String resources, String extra) {
        return allow(id, principals, actions, resources, extra).replace("effect: allow", "effect: deny");
    }

    @Test
    void noRulesDenies() {
        Policy p = Yaml.parse(DECLS);
        Decision d = p.decide("a", Action.MODEL_CHAT, p.resolveModel("openai", "gpt-4o-mini"));
        assertFalse(d.allowed());
        assertEquals(Effect.DENY, d.effect());
        assertNull(d.ruleId());
        assertEquals(Mode.ENFORCE, d.mode());
        assertSame(Limits.NONE, d.limits());
        assertTrue(d.promptRedactions().isEmpty());
        assertNull(d.credentialId());
    }

    @Test
    void noRuleDenialUsesPolicyMode() {
        Policy p = Yaml.parse(DECLS.replace("mode: enforce", "mode: monitor"));
        assertEquals(Mode.MONITOR, p.decide("a", Action.MODEL_CHAT, p.resolveModel("openai", "x")).mode());
    }

    @Test
    void allowAppliesOnlyToItsPrincipalActionAndResource() {
        Policy p = policy(allow("r", "a", "model.chat", "\"model:small\"", ""));
        ModelRef small = p.resolveModel("openai", "gpt-4o-mini");
        assertTrue(p.decide("a", Action.MODEL_CHAT, small).allowed());
        assertEquals("r", p.decide("a", Action.MODEL_CHAT, small).ruleId());
        assertFalse(p.decide("b", Action.MODEL_CHAT, small).allowed());
        assertFalse(p.decide("a", Action.MODEL_EMBED, small).allowed());
        assertFalse(p.decide("a", Action.MODEL_CHAT, p.resolveModel("openai", "gpt-4o")).allowed());
        assertFalse(p.decide("anonymous", Action.MODEL_CHAT, small).allowed());
    }

    @Test
    void anyApplicableDenyWinsAndTheFirstDeclaredDenyDecides() {
        Policy p = policy(allow("allow-all", "a", "\"*\"", "\"*\"", "")
            + deny("deny-2", "a", "dataset.read", "\"dataset:prod\"", "")
            + deny("deny-3", "a", "dataset.*", "\"dataset:env=production\"", ""));
        Decision d = p.decide("a", Action.DATASET_READ, p.datasetForFile("/srv/prod/x"));
        assertFalse(d.allowed());
        assertEquals("deny-2", d.ruleId());
        assertEquals(List.of("deny-2", "deny-3"), d.applicableDenies().stream().map(RuleDef::id).toList());
        assertTrue(d.allowApplies());
        Decision write = p.decide("a", Action.DATASET_WRITE, p.datasetForFile("/srv/prod/x"));
        assertEquals("deny-3", write.ruleId());
        assertTrue(p.decide("a", Action.DATASET_READ, p.datasetForFile("/srv/train/x")).allowed());
    }

    @Test
    void denyDeclaredBeforeOrAfterAllowMakesNoDifference() {
        String allowRule = allow("ok", "a", "model.chat", "\"model:*\"", "");
        String denyRule = deny("no", "a", "model.chat", "\"model:openai/*\"", "");
        for (Policy p : List.of(policy(allowRule + denyRule), policy(denyRule + allowRule))) {
            assertEquals("no", p.decide("a", Action.MODEL_CHAT, p.resolveModel("openai", "gpt-4o")).ruleId());
            assertTrue(p.decide("a", Action.MODEL_CHAT, p.resolveModel("anthropic", "claude-3")).allowed());
        }
    }

    @Test
    void limitsTakeTheStrictestValue() {
        Policy p = policy(
            allow("r1", "a", "model.chat", "\"model:small\"", "limits: { max_output_tokens: 1000, tools: [t1, t2, t3], stream: true, max_rows: 50 }")
            + allow("r2", "a", "model.*", "\"model:*\"", "limits: { max_output_tokens: 500, tools: [t2, t3, t4], n_epochs: 3 }")
            + allow("r3", "a", "\"*\"", "\"*\"", "limits: { stream: false, max_rows: 80, n_epochs: 5 }")
            + allow("r4", "a", "\"*\"", "\"*\"", ""));
        Limits l = p.decide("a", Action.MODEL_CHAT, p.resolveModel("openai", "gpt-4o-mini")).limits();
        assertEquals(500, l.maxOutputTokens());
        assertEquals(Set.of("t2", "t3"), l.tools());
        assertEquals(Boolean.FALSE, l.stream());
        assertEquals(50, l.maxRows());
        assertEquals(3, l.maxEpochs());
        // Only r3 and r4 apply to a vector query.
        Limits v = p.decide("a", Action.VECTOR_QUERY, p.vector("docs")).limits();
        assertEquals(-1, v.maxOutputTokens());
        assertNull(v.tools());
        assertEquals(Boolean.FALSE, v.stream());
        assertEquals(80, v.maxRows());
    }

    @Test
    void limitsCombinationRules() {
        Limits none = Limits.NONE;
        Limits t = Limits.of(100, null, true, -1, -1);
        assertSame(t, none.strictest(t));
        assertSame(t, t.strictest(none));
        assertEquals(Limits.of(50, Set.of(), true, -1, -1), t.strictest(Limits.of(50, Set.of(), null, -1, -1)));
        assertSame(Limits.NONE, Limits.of(-1, null, null, -1, -1));
    }

    @Test
    void redactionsAndMasksAreUnited() {
        Policy p = policy(
            allow("r1", "a", "dataset.read", "\"dataset:prod\"", "mask: { t.email: LAST4, t.ssn: HASH }, redact: { prompt: [EMAIL], output: [PHONE] }")
            + allow("r2", "a", "dataset.read", "\"dataset:label=pii\"", "mask: { t.email: HASH, t.card: TAG }, redact: { prompt: [EMP, EMAIL] }")
            + allow("r3", "a", "dataset.read", "\"dataset:*\"", "mask: { t.card: redact }"));
        Decision d = p.decide("a", Action.DATASET_READ, p.datasetForFile("/srv/prod/f"));
        assertEquals("r1", d.ruleId());
        assertEquals(Set.of("EMAIL", "EMP"), d.promptRedactions());
        assertEquals(Set.of("PHONE"), d.outputRedactions());
        // On a conflict the mask revealing less wins: REDACT > TAG > HASH > LAST4.
        assertEquals(Map.of("t.email", "HASH", "t.ssn", "HASH", "t.card", "REDACT"), d.masks());
    }

    @Test
    void credentialComesFromTheFirstAllowNamingOne() {
        Policy p = policy(allow("plain", "a", "model.chat", "\"model:*\"", "")
            + allow("with-k2", "a", "model.chat", "\"model:*\"", "credential: k2")
            + allow("with-k1", "a", "model.chat", "\"model:*\"", "credential: k1"));
        Decision d = p.decide("a", Action.MODEL_CHAT, p.resolveModel("openai", "gpt-4o"));
        assertEquals("plain", d.ruleId());
        assertEquals("k2", d.credentialId());
    }

    @Test
    void effectiveModeIsTheDecidingRulesMode() {
        Policy p = policy(allow("staged", "a", "model.chat", "\"model:small\"", "mode: monitor")
            + allow("plain", "a", "model.chat", "\"model:*\"", "")
            + deny("staged-deny", "b", "model.chat", "\"model:*\"", "mode: monitor"));
        assertEquals(Mode.MONITOR, p.decide("a", Action.MODEL_CHAT, p.resolveModel("openai", "gpt-4o-mini")).mode());
        assertEquals(Mode.ENFORCE, p.decide("a", Action.MODEL_CHAT, p.resolveModel("openai", "gpt-4o")).mode());
        Decision d = p.decide("b", Action.MODEL_CHAT, p.resolveModel("openai", "gpt-4o"));
        assertFalse(d.allowed());
        assertEquals(Mode.MONITOR, d.mode());
        Policy monitor = Yaml.parse(DECLS.replace("mode: enforce", "mode: monitor") + "rules:\n"
            + allow("strict", "a", "model.chat", "\"model:*\"", "mode: enforce"));
        assertEquals(Mode.ENFORCE, monitor.decide("a", Action.MODEL_CHAT, monitor.resolveModel("openai", "x")).mode());
    }

    @Test
    void starPrincipalCoversEveryoneAndAnonymousIsNamedExplicitly() {
        Policy p = policy(allow("everyone", "\"*\"", "vector.query", "\"vector:docs\"", "")
            + allow("anon", "anonymous", "vector.write", "\"vector:*\"", ""));
        for (String who : List.of("a", "b", "c", "anonymous", "someone-else")) {
            assertTrue(p.decide(who, Action.VECTOR_QUERY, p.vector("docs")).allowed(), who);
        }
        assertTrue(p.decide("anonymous", Action.VECTOR_WRITE, p.vector("x")).allowed());
        assertFalse(p.decide("a", Action.VECTOR_WRITE, p.vector("x")).allowed());
        // An id the policy does not know is not "anonymous".
        assertFalse(p.decide("someone-else", Action.VECTOR_WRITE, p.vector("x")).allowed());
    }

    @Test
    void modelResourceForms() {
        Policy p = policy(allow("by-id", "a", "model.chat", "\"model:small\"", "")
            + allow("by-glob", "b", "model.chat", "\"model:openai/gpt-4o*\"", "")
            + allow("any-provider", "c", "model.chat", "\"model:*/claude-3*\"", "")
            + allow("any-model", "c", "model.embed", "\"model:*\"", ""));
        ModelRef mini = p.resolveModel("openai", "gpt-4o-mini-2024");
        ModelRef big = p.resolveModel("openai", "gpt-4o");
        assertEquals("model:small", mini.id());
        assertEquals("model:openai/gpt-4o", big.id());
        assertTrue(p.decide("a", Action.MODEL_CHAT, mini).allowed());
        assertFalse(p.decide("a", Action.MODEL_CHAT, big).allowed());
        // provider/glob matches declared and undeclared models alike, case-insensitively.
        assertTrue(p.decide("b", Action.MODEL_CHAT, mini).allowed());
        assertTrue(p.decide("b", Action.MODEL_CHAT, big).allowed());
        assertTrue(p.decide("b", Action.MODEL_CHAT, p.resolveModel("openai", "GPT-4O")).allowed());
        assertFalse(p.decide("b", Action.MODEL_CHAT, p.resolveModel("azure-openai", "gpt-4o")).allowed());
        assertTrue(p.decide("c", Action.MODEL_CHAT, p.resolveModel("bedrock", "claude-3-haiku")).allowed());
        assertFalse(p.decide("c", Action.MODEL_CHAT, p.resolveModel("bedrock", "titan")).allowed());
        assertTrue(p.decide("c", Action.MODEL_EMBED, p.resolveModel("ollama", "nomic")).allowed());
    }

    @Test
    void datasetResourceForms() {
        Policy p = policy(allow("id", "a", "dataset.read", "\"dataset:train\"", "")
            + allow("env", "b", "dataset.read", "\"dataset:env=production\"", "")
            + allow("label", "c", "dataset.read", "\"dataset:label=finance\"", "")
            + allow("any", "c", "dataset.write", "\"dataset:*\"", ""));
        DatasetRef prod = p.datasetForFile("/srv/prod/a");
        DatasetRef train = p.datasetForFile("/srv/train/a");
        assertTrue(p.decide("a", Action.DATASET_READ, train).allowed());
        assertFalse(p.decide("a", Action.DATASET_READ, prod).allowed());
        assertTrue(p.decide("b", Action.DATASET_READ, prod).allowed());
        assertFalse(p.decide("b", Action.DATASET_READ, train).allowed());
        assertTrue(p.decide("c", Action.DATASET_READ, prod).allowed());
        assertFalse(p.decide("c", Action.DATASET_READ, train).allowed());
        assertTrue(p.decide("c", Action.DATASET_WRITE, train).allowed());
        // dataset:* never matches a model.
        assertFalse(p.decide("c", Action.DATASET_WRITE, p.resolveModel("openai", "x")).allowed());
    }

    @Test
    void vectorGlobsAndStar() {
        Policy p = policy(allow("docs", "a", "vector.*", "\"vector:docs-*\"", "")
            + allow("all", "b", "\"*\"", "\"*\"", ""));
        assertTrue(p.decide("a", Action.VECTOR_QUERY, p.vector("docs-en")).allowed());
        assertTrue(p.decide("a", Action.VECTOR_WRITE, p.vector("docs-")).allowed());
        assertFalse(p.decide("a", Action.VECTOR_QUERY, p.vector("DOCS-en")).allowed());
        assertFalse(p.decide("a", Action.VECTOR_QUERY, p.vector("secrets")).allowed());
        for (Action act : Action.values()) {
            Resource r = act.family().equals("model") ? p.resolveModel("openai", "x")
                : act.family().equals("vector") ? p.vector("v") : p.datasetForFile("/srv/prod/x");
            assertTrue(p.decide("b", act, r).allowed(), act.wireName());
        }
    }

    @Test
    void actionFamilies() {
        Policy p = policy(allow("m", "a", "model.*", "\"*\"", "") + allow("d", "b", "dataset.*", "\"*\"", ""));
        ModelRef m = p.resolveModel("openai", "x");
        for (Action act : List.of(Action.MODEL_CHAT, Action.MODEL_EMBED, Action.MODEL_FINE_TUNE, Action.MODEL_FILES)) {
            assertTrue(p.decide("a", act, m).allowed());
            assertFalse(p.decide("b", act, m).allowed());
        }
        assertFalse(p.decide("a", Action.DATASET_READ, p.datasetForFile("/srv/prod/x")).allowed());
        assertTrue(p.decide("b", Action.DATASET_WRITE, p.datasetForFile("/srv/prod/x")).allowed());
    }

    @Test
    void decisionsAreCachedPerResourceInstance() {
        Policy p = policy(allow("r", "a", "model.chat", "\"model:small\"", ""));
        ModelRef m = p.resolveModel("openai", "gpt-4o-mini");
        Decision first = p.decide("a", Action.MODEL_CHAT, m);
        assertSame(first, p.decide("a", Action.MODEL_CHAT, m));
        assertSame(first, p.decide(0, Action.MODEL_CHAT, m));
        assertSame(p.decide("anonymous", Action.MODEL_CHAT, m), p.decide(-1, Action.MODEL_CHAT, m));
        assertThrows(IllegalArgumentException.class, () -> p.decide(7, Action.MODEL_CHAT, m));
    }

    @Test
    void resourcesFromAnotherPolicyStillDecideCorrectly() {
        Policy old = policy(allow("r", "a", "model.chat", "\"model:small\"", ""));
        Policy fresh = policy(deny("r", "a", "model.chat", "\"model:small\"", ""));
        ModelRef m = old.resolveModel("openai", "gpt-4o-mini");
        assertTrue(old.decide("a", Action.MODEL_CHAT, m).allowed());
        assertFalse(fresh.decide("a", Action.MODEL_CHAT, m).allowed());
        assertTrue(old.decide("a", Action.MODEL_CHAT, m).allowed());
    }

    @Test
    void foreignResourceImplementationsAreReadByTheirId() {
        Policy p = policy(allow("r", "a", "vector.query", "\"vector:docs\"", "")
            + allow("s", "a", "model.chat", "\"model:small\"", ""));
        Resource foreign = () -> "vector:docs";
        assertTrue(p.decide("a", Action.VECTOR_QUERY, foreign).allowed());
        Resource model = () -> "model:openai/gpt-4o-mini";
        assertEquals("s", p.decide("a", Action.MODEL_CHAT, model).ruleId());
    }

    @Test
    void explainParsesItsArguments() {
        Policy p = policy(allow("r", "a", "model.chat", "\"model:small\"", "")
            + allow("d", "a", "dataset.read", "\"dataset:prod\"", ""));
        assertTrue(p.explain("a", "model.chat", "model:small").allowed());
        assertTrue(p.explain("a", "model.chat", "model:openai/gpt-4o-mini-x").allowed());
        assertTrue(p.explain("a", "dataset.read", "dataset:prod").allowed());
        assertFalse(p.explain("a", "vector.query", "vector:docs").allowed());
        assertThrows(IllegalArgumentException.class, () -> p.explain("a", "model.talk", "model:small"));
        assertThrows(IllegalArgumentException.class, () -> p.explain("a", "model.*", "model:small"));
        assertThrows(IllegalArgumentException.class, () -> p.explain("a", "model.chat", "model:nope"));
        assertThrows(IllegalArgumentException.class, () -> p.explain("a", "model.chat", "model:openai/gpt-*"));
        assertThrows(IllegalArgumentException.class, () -> p.explain("a", "dataset.read", "dataset:nope"));
        assertThrows(IllegalArgumentException.class, () -> p.explain("a", "dataset.read", "dataset:env=production"));
        assertThrows(IllegalArgumentException.class, () -> p.explain("a", "model.chat", "file:/etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> p.explain("", "model.chat", "model:small"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.explain("a", "dataset.read", "model:small"));
        assertEquals("action dataset.read does not act on model resources (dataset.* actions act on dataset: resources)", e.getMessage());
    }
}
