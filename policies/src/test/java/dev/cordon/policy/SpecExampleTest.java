package dev.cordon.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full example of spec 2, section by section, and its decisions. */
class SpecExampleTest {
    @TempDir
    static Path dir;
    static Path base;
    static Policy p;

    static String exampleText() throws IOException {
        try (InputStream in = SpecExampleTest.class.getResourceAsStream("/spec-example.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void load() throws Exception {
        Path file = dir.resolve("cordon.yaml");
        Files.writeString(file, exampleText());
        p = PolicyLoader.load(file);
        base = dir.toRealPath();
    }

    @Test
    void topLevel() {
        assertEquals(1, p.version());
        assertEquals(Mode.ENFORCE, p.mode());
        assertEquals("support-api", p.service());
        assertFalse(p.lockMode());
        assertEquals(dir.toAbsolutePath().normalize(), p.baseDir());
    }

    @Test
    void principals() {
        assertEquals(List.of(
            new PrincipalDef("support-bot", List.of("com.acme.support.**"), List.of(), List.of(), null, null),
            new PrincipalDef("trainer", List.of("com.acme.training.**"), List.of("trainer-*"), List.of(), null, null),
            new PrincipalDef("analyst", List.of(), List.of(), List.of(), "X-Role", "analyst")), p.principals());
    }

    @Test
    void models() {
        assertEquals(List.of(new ModelDef("chat-small", "openai", "gpt-4o-mini*"),
            new ModelDef("embedder", "openai", "text-embedding-3-*")), p.models());
    }

    @Test
    void datasets() {
        assertEquals(new DatasetDef("prod-customers", "production", List.of("pii"), List.of("/srv/data/prod/**"),
            "jdbc:h2:*prod*", List.of("customers", "orders")), p.datasets().get(0));
        // Relative file globs are resolved against the policy's (real) folder.
        assertEquals(new DatasetDef("training-corpus", "training", List.of(),
            List.of(base + "/data/training/**"), null, List.of()), p.datasets().get(1));
    }

    @Test
    void endpoints() {
        assertTrue(p.hasEndpoints());
        assertEquals(List.of(new EndpointDef("api.openai.com", -1, null, EndpointDef.Tls.REQUIRED),
            new EndpointDef("127.0.0.1", 8089, "openai", EndpointDef.Tls.OPTIONAL)), p.endpoints());
    }

    @Test
    void credentials() {
        CredentialDef c = new CredentialDef("openai-support", "openai", Path.of("/var/run/secrets/openai-support"), Duration.ofDays(30));
        assertEquals(List.of(c), p.credentials());
        assertEquals(c, p.credential("openai-support"));
        assertNull(p.credential("nope"));
    }

    @Test
    void rules() {
        assertEquals(3, p.rules().size());
        RuleDef chat = p.rules().get(0);
        assertEquals(new RuleDef("support-chat", Effect.ALLOW, List.of("support-bot"), List.of("model.chat"),
            List.of("model:chat-small"), Limits.of(1024, Set.of("lookup_order"), true, -1, -1),
            List.of("EMAIL", "CREDIT_CARD", "SECRET"), List.of("EMAIL"), Map.of(), null, "openai-support"), chat);
        RuleDef reads = p.rules().get(1);
        assertEquals(Map.of("customers.email", "HASH", "customers.card_number", "LAST4"), reads.mask());
        assertEquals(Mode.MONITOR, reads.mode());
        RuleDef deny = p.rules().get(2);
        assertEquals(Effect.DENY, deny.effect());
        assertEquals(List.of("dataset.*"), deny.actions());
        assertEquals(List.of("dataset:env=production"), deny.resources());
    }

    @Test
    void redactionAndAudit() {
        assertEquals(new RedactionConfig(RedactionConfig.Operator.TAG, List.of(
            new RedactionConfig.Custom("EMPLOYEE_ID", "EMP-[0-9]{6}", null),
            new RedactionConfig.Custom("PROJECT_NAME", null, List.of("Bluebird", "Nightjar")))), p.redaction());
        assertEquals(new AuditConfig(dir.toAbsolutePath().normalize().resolve("cordon-audit.jsonl"), AuditConfig.Prompts.HASH), p.audit());
    }

    @Test
    void supportBotChatsWithTheSmallModel() {
        Decision d = p.decide("support-bot", Action.MODEL_CHAT, p.resolveModel("openai", "gpt-4o-mini-2024-07-18"));
        assertTrue(d.allowed());
        assertEquals("support-chat", d.ruleId());
        assertEquals(Mode.ENFORCE, d.mode());
        assertEquals(1024, d.limits().maxOutputTokens());
        assertEquals(Set.of("lookup_order"), d.limits().tools());
        assertEquals(Boolean.TRUE, d.limits().stream());
        assertEquals(Set.of("EMAIL", "CREDIT_CARD", "SECRET"), d.promptRedactions());
        assertEquals(Set.of("EMAIL"), d.outputRedactions());
        assertEquals("openai-support", d.credentialId());
    }

    @Test
    void supportBotMayNotUseTheBigModel() {
        Decision d = p.decide("support-bot", Action.MODEL_CHAT, p.resolveModel("openai", "gpt-4o"));
        assertFalse(d.allowed());
        assertNull(d.ruleId());
        assertEquals(Mode.ENFORCE, d.mode());
        assertEquals("denied: principal 'support-bot' may not model.chat on model:openai/gpt-4o: no rule allows (mode enforce); "
            + "to allow, add a rule: {effect: allow, principals: [support-bot], actions: [model.chat], resources: [\"model:openai/gpt-4o\"]}",
            d.explanation());
    }

    @Test
    void supportBotReadsCustomersInMonitorMode() {
        DatasetRef customers = p.datasetForJdbc("jdbc:h2:mem:prod", "PUBLIC.CUSTOMERS");
        assertEquals("dataset:prod-customers", customers.id());
        Decision d = p.decide("support-bot", Action.DATASET_READ, customers);
        assertTrue(d.allowed());
        assertEquals(Mode.MONITOR, d.mode());
        assertEquals(Map.of("customers.email", "HASH", "customers.card_number", "LAST4"), d.masks());
        assertNull(d.credentialId());
    }

    @Test
    void trainerIsDeniedProductionData() {
        DatasetRef prod = p.datasetForFile("/srv/data/prod/customers.csv");
        assertSame(p.datasetForJdbc("jdbc:h2:mem:prod", "orders"), prod);
        for (Action a : List.of(Action.DATASET_READ, Action.DATASET_WRITE)) {
            Decision d = p.decide("trainer", a, prod);
            assertFalse(d.allowed());
            assertEquals("no-production-for-training", d.ruleId());
            assertEquals(Mode.ENFORCE, d.mode());
        }
        assertEquals("denied: principal 'trainer' may not dataset.read on dataset:prod-customers: denied by rule "
            + "'no-production-for-training' (mode enforce); to allow, remove principal 'trainer' from deny rule "
            + "'no-production-for-training' and add a rule: {effect: allow, principals: [trainer], actions: [dataset.read], "
            + "resources: [\"dataset:prod-customers\"]}", p.decide("trainer", Action.DATASET_READ, prod).explanation());
    }

    @Test
    void trainingCorpusIsUngovernedByRulesSoDenied() {
        DatasetRef corpus = p.datasetForFile(base + "/data/training/part-0001.txt");
        assertEquals("dataset:training-corpus", corpus.id());
        assertFalse(p.decide("trainer", Action.DATASET_READ, corpus).allowed());
        assertNull(p.datasetForFile(base + "/data/other.txt"));
    }

    @Test
    void exampleAsJsonIsTheSamePolicy() throws Exception {
        String json = "{\"version\": 1, \"mode\": \"enforce\", \"service\": \"support-api\", \"lock_mode\": false,"
            + "\"principals\": [{\"id\": \"support-bot\", \"match\": {\"code\": [\"com.acme.support.**\"]}}],"
            + "\"models\": [{\"id\": \"chat-small\", \"provider\": \"openai\", \"model\": \"gpt-4o-mini*\"}],"
            + "\"rules\": [{\"id\": \"support-chat\", \"effect\": \"allow\", \"principals\": [\"support-bot\"],"
            + "\"actions\": [\"model.chat\"], \"resources\": [\"model:chat-small\"],"
            + "\"limits\": {\"max_output_tokens\": 1024, \"tools\": [\"lookup_order\"], \"stream\": true}}]}";
        Policy j = Yaml.json(json);
        assertEquals(p.rules().get(0).limits(), j.rules().get(0).limits());
        assertEquals(p.principals().get(0), j.principals().get(0));
        assertTrue(j.decide("support-bot", Action.MODEL_CHAT, j.resolveModel("openai", "gpt-4o-mini")).allowed());
    }

    @Test
    void loadPicksJsonByExtension() throws Exception {
        Path f = dir.resolve("cordon.JSON");
        Files.writeString(f, "{\"version\": 1, \"mode\": \"monitor\"}");
        assertEquals(Mode.MONITOR, PolicyLoader.load(f).mode());
    }
}
