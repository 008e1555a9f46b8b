package dev.cordon.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code separation: strict}: training, staging and production kept apart. */
class SeparationTest {
    private static final String DATASETS = """
        version: 1
        mode: enforce
        %s
        principals:
          - id: trainer
            match: { code: ["com.acme.training.**"] }
          - id: analyst
            match: { code: ["com.acme.data.**"] }
          - id: admin
            match: { code: ["com.acme.admin.**"] }
        datasets:
          - id: prod-customers
            env: production
            labels: [pii]
            jdbc: { url: "jdbc:h2:*prod*" }
          - id: prod-sample
            env: production
            files: ["/srv/sample/**"]
          - id: training-corpus
            env: training
            labels: [pii]
            files: ["/srv/training/**"]
          - id: staging-db
            env: staging
            jdbc: { url: "jdbc:h2:*staging*" }
          - id: shared-lookup
            files: ["/srv/lookup/**"]
        rules:
          - id: trainer-training
            effect: allow
            principals: [trainer]
            actions: [dataset.read]
            resources: ["dataset:env=training"]
          - id: trainer-everything
            effect: allow
            principals: [trainer]
            actions: ["dataset.*"]
            resources: ["dataset:*"]
          - id: trainer-sample
            effect: allow
            principals: [trainer]
            actions: [dataset.read]
            resources: ["dataset:prod-sample"]
          - id: analyst-pii
            effect: allow
            principals: [analyst]
            actions: [dataset.read]
            resources: ["dataset:label=pii"]
          - id: admin-all
            effect: allow
            principals: [admin]
            actions: [dataset.read]
            resources: ["dataset:env=production", "dataset:env=staging"]
        """;

    private static Policy policy(boolean strict) {
        return Yaml.parse(DATASETS.formatted(strict ? "separation: strict" : ""));
    }

    private static Decision read(Policy p, String principal, String dataset) {
        return p.explain(principal, "dataset.read", "dataset:" + dataset);
    }

    @Test
    void offByDefaultEveryAllowStands() {
        Policy p = policy(false);
        assertTrue(read(p, "trainer", "prod-customers").allowed());
        assertTrue(read(p, "analyst", "prod-customers").allowed());
        assertTrue(read(p, "analyst", "training-corpus").allowed());
    }

    @Test
    void aTrainingPrincipalIsDeniedProductionUnlessTheDatasetIsNamed() {
        Policy p = policy(true);
        assertTrue(read(p, "trainer", "training-corpus").allowed());
        Decision prod = read(p, "trainer", "prod-customers");
        assertFalse(prod.allowed(), "granted only through dataset:*, and trainer works in training");
        assertNull(prod.ruleId());
        assertTrue(prod.explanation().contains("separation: strict (dataset 'prod-customers' is in env 'production' "
            + "and its datasets are in env 'training')"), prod.explanation());
        assertTrue(prod.explanation().contains("resources: [\"dataset:prod-customers\"]"), prod.explanation());
        assertFalse(p.explain("trainer", "dataset.write", "dataset:staging-db").allowed());
        assertTrue(read(p, "trainer", "prod-sample").allowed(), "named by id: the exception");
        assertTrue(read(p, "trainer", "shared-lookup").allowed(), "datasets without an env are not separated");
    }

    @Test
    void aPrincipalWhoseGrantsSpanEnvsOnlyKeepsWhatRulesNameById() {
        Policy p = policy(true);
        // analyst: dataset:label=pii reaches production and training.
        assertFalse(read(p, "analyst", "prod-customers").allowed());
        assertFalse(read(p, "analyst", "training-corpus").allowed());
        assertTrue(read(p, "analyst", "training-corpus").explanation().contains("several envs"),
            read(p, "analyst", "training-corpus").explanation());
        // admin: two env grants written deliberately still straddle environments.
        assertFalse(read(p, "admin", "staging-db").allowed());
    }

    @Test
    void separationOnlyTurnsAllowsIntoDenies() {
        Policy off = policy(false);
        Policy strict = policy(true);
        for (String who : new String[] {"trainer", "analyst", "admin", "anonymous"}) {
            for (String ds : new String[] {"prod-customers", "prod-sample", "training-corpus", "staging-db", "shared-lookup"}) {
                for (String action : new String[] {"dataset.read", "dataset.write"}) {
                    boolean strictAllowed = strict.explain(who, action, "dataset:" + ds).allowed();
                    boolean offAllowed = off.explain(who, action, "dataset:" + ds).allowed();
                    assertTrue(!strictAllowed || offAllowed, who + " " + action + " " + ds);
                }
            }
        }
    }

    @Test
    void decisionsStayCachedAndAllocationFree() {
        Policy p = policy(true);
        DatasetRef ref = p.datasetForFile("/srv/training/x.txt");
        Decision first = p.decide("trainer", Action.DATASET_READ, ref);
        assertEquals(first, p.decide("trainer", Action.DATASET_READ, ref));
        assertTrue(first == p.decide("trainer", Action.DATASET_READ, ref), "the same cached instance");
    }
}
