package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's in-memory EmbeddingStore and Spring AI's SimpleVectorStore under the real agent:
 * vector.query / vector.write on vector:<collection>, and retrieved documents filtered by the
 * datasets and labels their metadata name before the application sees them.
 */
class VectorStoreTest {
  static final String POLICY = """
      version: 1
      mode: enforce
      principals:
        - id: indexer
          match: { code: ["com.acme.indexing.**"] }
        - id: support-bot
          match: { code: ["com.acme.support.**"] }
        - id: analyst
          match: { code: ["com.acme.data.**"] }
        - id: trainer
          match: { code: ["com.acme.training.**"] }
      datasets:
        - id: public-docs
          files: ["docs/public/**"]
        - id: prod-customers
          env: production
          labels: [pii]
          files: ["data/prod/**"]
        - id: training-corpus
          env: training
          files: ["data/training/**"]
        - id: hr-files
          labels: [hr]
          files: ["data/hr/**"]
      rules:
        - id: indexer-writes
          effect: allow
          principals: [indexer]
          actions: [vector.write]
          resources: ["vector:*"]
        - id: retrieval
          effect: allow
          principals: [support-bot, analyst]
          actions: [vector.query]
          resources: ["vector:InMemoryEmbeddingStore", "vector:SimpleVectorStore"]
        - id: support-public
          effect: allow
          principals: [support-bot]
          actions: [dataset.read]
          resources: ["dataset:public-docs"]
        - id: analyst-data
          effect: allow
          principals: [analyst]
          actions: [dataset.read]
          resources: ["dataset:prod-customers", "dataset:hr-files"]
      """;

  Scenario s;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
    s.policy(POLICY);
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  @Test
  void retrievedDocumentsAreFilteredByTheDatasetsAndLabelsThePrincipalMayRead() throws Exception {
    ChildJvm.Result support = s.jvm().run("com.acme.support.SupportVectorMain", "l4j", "spring");
    assertEquals("OK [onboarding guide, refund policy]", support.step(1), support.toString());
    assertEquals("OK [onboarding guide, refund policy]", support.step(2), support.toString());
    ChildJvm.Result analyst = s.jvm().run("com.acme.data.AnalystVectorMain", "l4j", "spring");
    assertEquals("OK [ann's card 4111, onboarding guide, salary bands]", analyst.step(1), analyst.toString());
    assertEquals("OK [ann's card 4111, onboarding guide, salary bands]", analyst.step(2), analyst.toString());

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> queries = audit.withAction("vector.query");
    assertEquals(4, queries.size(), audit.toString());
    JsonNode l4j = queries.get(0);
    assertEquals("support-bot", l4j.path("principal").asText());
    assertEquals("vector:InMemoryEmbeddingStore", l4j.path("resource").asText());
    assertEquals("redacted", l4j.path("outcome").asText());
    assertEquals(2, l4j.path("documents").asInt());
    assertEquals(3, l4j.path("filtered").asInt());
    assertEquals(2, l4j.path("filtered_by").path("dataset").asInt(), l4j.toString());
    assertEquals(1, l4j.path("filtered_by").path("label").asInt(), l4j.toString());
    assertEquals("vector:SimpleVectorStore", queries.get(1).path("resource").asText());
    // The indexer's writes were decided too: one entry per store call, not per nested call.
    assertEquals(4, audit.withAction("vector.write").size(), audit.toString());
  }

  @Test
  void queriesAndWritesAreDecidedOnTheCollection() throws Exception {
    ChildJvm.Result trainer = s.jvm().run("com.acme.training.TrainerVectorMain", "l4j", "spring", "l4j-add",
        "spring-add", "l4j-remove", "spring-delete");
    for (int i = 1; i <= 6; i++) {
      assertTrue(trainer.step(i).startsWith("DENIED dev.cordon.CordonAccessDeniedException: Cordon denied: "
          + "principal 'trainer' may not vector."), trainer.toString());
    }
    assertTrue(trainer.step(1).contains("vector.query on vector:InMemoryEmbeddingStore"), trainer.step(1));
    assertTrue(trainer.step(4).contains("vector.write on vector:SimpleVectorStore"), trainer.step(4));
    ChildJvm.Result support = s.jvm().run("com.acme.support.SupportVectorMain", "l4j-remove", "l4j");
    assertTrue(support.step(1).startsWith("DENIED "), "support may query, not write: " + support);
    assertEquals("OK [onboarding guide, refund policy]", support.step(2), "nothing was removed: " + support);
  }

  @Test
  void filtersOnJava25() throws Exception {
    java.nio.file.Path jdk25 = java.nio.file.Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(jdk25.resolve("bin/java")),
        "no Java 25 on this machine");
    ChildJvm.Result support = s.jvm().javaHome(jdk25.toString()).run("com.acme.support.SupportVectorMain", "l4j",
        "spring");
    assertEquals("OK [onboarding guide, refund policy]", support.step(1), support.toString());
    assertEquals("OK [onboarding guide, refund policy]", support.step(2), support.toString());
  }

  @Test
  void monitorModeCountsWhatWouldBeFilteredAndRemovesNothing() throws Exception {
    s.policy(POLICY.replace("mode: enforce", "mode: monitor"));
    ChildJvm.Result support = s.jvm().run("com.acme.support.SupportVectorMain", "l4j");
    assertEquals("OK [ann's card 4111, onboarding guide, refund policy, salary bands, training notes]", support.step(1),
        support.toString());
    JsonNode q = s.audit().withAction("vector.query").get(0);
    assertEquals("would_redact", q.path("outcome").asText());
    assertEquals(3, q.path("would_filter").asInt());
  }
}
