package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code separation: strict} under the real agent: a training job granted its training data (and,
 * by an over-broad rule, everything) is blocked from production files and tables, while a rule that
 * names a production dataset explicitly still works. Without the line, the broad rule would let it in.
 */
class SeparationStrictTest {
  static final String POLICY = """
      version: 1
      mode: enforce
      separation: strict
      principals:
        - id: trainer
          match: { code: ["com.acme.training.**"] }
      datasets:
        - id: prod-customers
          env: production
          files: ["data/prod/**"]
          jdbc: { url: "jdbc:h2:*prod*", tables: ["customers"] }
        - id: prod-sample
          env: production
          files: ["data/sample/**"]
        - id: training-corpus
          env: training
          files: ["data/training/**"]
      rules:
        - id: trainer-training
          effect: allow
          principals: [trainer]
          actions: [dataset.read]
          resources: ["dataset:env=training"]
        - id: too-broad
          effect: allow
          principals: [trainer]
          actions: [dataset.read]
          resources: ["dataset:*"]
        - id: sample-for-evaluation
          effect: allow
          principals: [trainer]
          actions: [dataset.read]
          resources: ["dataset:prod-sample"]
      """;

  Scenario s;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
    for (String d : List.of("prod", "sample", "training")) Files.createDirectories(s.dir.resolve("data/" + d));
    Files.writeString(s.dir.resolve("data/prod/customers.csv"), "id,email\n1,ann@example.com\n");
    Files.writeString(s.dir.resolve("data/sample/sample.csv"), "id\n1\n");
    Files.writeString(s.dir.resolve("data/training/corpus.txt"), "the quick brown fox\n");
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  @Test
  void aTrainingJobIsBlockedFromProductionFilesAndTables() throws Exception {
    String url = "jdbc:h2:file:" + s.dir.resolve("prod");
    SqlDb.exec(url, "sa", "", "CREATE TABLE customers (id INT, email VARCHAR(100))",
        "INSERT INTO customers VALUES (1, 'ann@example.com')");
    s.policy(POLICY);
    ChildJvm.Result files = s.jvm().run("com.acme.training.TrainerFilesMain", "readString:data/training/corpus.txt",
        "readString:data/prod/customers.csv", "readString:data/sample/sample.csv");
    assertEquals("OK the quick brown fox|", files.step(1), files.toString());
    assertTrue(files.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException: Cordon denied: principal "
        + "'trainer' may not dataset.read on dataset:prod-customers: separation: strict"), files.toString());
    assertEquals("OK id|1|", files.step(3), "named by id, so allowed");

    ChildJvm.Result sql = s.jvm().jvmArg("-Djdbc.url=" + url).jvmArg("-Djdbc.user=sa").jvmArg("-Djdbc.password=")
        .run("com.acme.training.TrainerSqlMain", "query:SELECT email FROM customers");
    assertTrue(sql.step(1).startsWith("DENIED 42501") && sql.step(1).contains("separation: strict"), sql.toString());

    List<JsonNode> blocked = s.audit().where(e -> "blocked".equals(e.path("outcome").asText()));
    assertEquals(2, blocked.size(), s.audit().toString());
    for (JsonNode e : blocked) assertTrue(e.path("rule").isNull(), e.toString());

    // The same policy without the line: the broad rule lets the training job read production.
    s.policy(POLICY.replace("separation: strict\n", ""));
    ChildJvm.Result loose = s.jvm().run("com.acme.training.TrainerFilesMain", "readString:data/prod/customers.csv");
    assertTrue(loose.step(1).startsWith("OK id,email"), loose.toString());
  }
}
