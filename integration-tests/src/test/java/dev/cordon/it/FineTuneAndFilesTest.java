package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 3: fine-tuning jobs are checked as model.fine_tune on the base model with limits.n_epochs; uploads as model.files. */
class FineTuneAndFilesTest {
  static final String POLICY = """
      version: 1
      mode: enforce
      principals:
        - id: support-bot
          match: { code: ["com.acme.support.**"] }
        - id: trainer
          match: { code: ["com.acme.training.**"] }
      rules:
        - id: support-tunes-mini
          effect: allow
          principals: [support-bot]
          actions: [model.fine_tune]
          resources: ["model:openai/gpt-4o-mini*"]
          limits: { n_epochs: 3 }
        - id: support-uploads
          effect: allow
          principals: [support-bot]
          actions: [model.files]
          resources: ["model:openai/*"]
      """;

  Scenario s;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
    s.policy(POLICY);
    s.write("train.jsonl", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}\n");
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  @Test
  void fineTuningIsItsOwnActionOnTheBaseModelWithAnEpochLimit() throws Exception {
    ChildJvm.Result r = s.support("finetune:gpt-4o-mini-2024-07-18:epochs=2", "finetune:gpt-4o-mini-2024-07-18:epochs=5",
        "finetune:gpt-4o-mini-2024-07-18", "finetune:gpt-4o-mini-2024-07-18:epochs=auto", "finetune:gpt-4o:epochs=1");
    assertTrue(r.step(1).startsWith("OK job gpt-4o-mini-2024-07-18"), r.toString());
    assertTrue(r.step(2).startsWith("DENIED") && r.step(2).contains("n_epochs 5 exceeds limits.n_epochs 3"), r.toString());
    assertTrue(r.step(3).startsWith("OK job"), r.toString());
    assertTrue(r.step(4).startsWith("DENIED") && r.step(4).contains("n_epochs"), r.toString());
    assertTrue(r.step(5).startsWith("DENIED") && r.step(5).contains("model.fine_tune")
        && r.step(5).contains("model:openai/gpt-4o"), r.toString());

    var wire = s.fake.requests();
    assertEquals(2, wire.size(), wire.toString());
    ObjectMapper json = new ObjectMapper();
    assertEquals(2, json.readTree(wire.get(0).body()).at("/hyperparameters/n_epochs").asLong());
    assertEquals(3, json.readTree(wire.get(1).body()).at("/hyperparameters/n_epochs").asLong(),
        "a job that sets no epochs gets the limit: " + wire.get(1).body());

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> jobs = audit.withAction("model.fine_tune");
    assertEquals(5, jobs.size(), audit.toString());
    assertEquals("allowed", jobs.get(0).path("outcome").asText());
    assertEquals("model:openai/gpt-4o-mini-2024-07-18", jobs.get(0).path("resource").asText());
    assertEquals(2, jobs.get(0).path("n_epochs").asLong());
    assertEquals("blocked", jobs.get(1).path("outcome").asText());
    assertEquals(3, jobs.get(2).path("n_epochs_added").asLong(), jobs.get(2).toString());
    assertTrue(audit.withAction("model.chat").isEmpty(), "a job is not a chat");
  }

  @Test
  void uploadsAreChecked() throws Exception {
    String file = s.dir.resolve("train.jsonl").toString();
    ChildJvm.Result ok = s.support("upload:" + file);
    ChildJvm.Result denied = s.jvm().run("com.acme.training.TrainerMain", "upload:" + file);
    assertTrue(ok.step(1).startsWith("OK file train.jsonl"), ok.toString());
    assertTrue(denied.step(1).startsWith("DENIED") && denied.step(1).contains("model.files")
        && denied.step(1).contains("trainer"), denied.toString());
    assertEquals(1, s.fake.requests().size());
    List<JsonNode> uploads = s.audit().withAction("model.files");
    assertEquals(2, uploads.size(), s.audit().toString());
    assertEquals("allowed", uploads.get(0).path("outcome").asText());
    assertEquals("blocked", uploads.get(1).path("outcome").asText());
    assertFalse(s.audit().toString().contains("\"role\""), "file content never reaches the audit");
  }

  /** Two principals in one JVM, told apart by thread: one curates (uploads) data, the other trains. */
  static final String PROVENANCE_POLICY = """
      version: 1
      mode: enforce
      principals:
        - id: curator
          match: { threads: ["curator-*"] }
        - id: tuner
          match: { threads: ["tuner-*"] }
      datasets:
        - id: prod-tickets
          env: production
          files: ["data/prod/**"]
        - id: training-set
          env: training
          files: ["data/training/**"]
      rules:
        - id: curator-reads-and-uploads
          effect: allow
          principals: [curator]
          actions: [dataset.read]
          resources: ["dataset:*"]
        - id: curator-uploads
          effect: allow
          principals: [curator]
          actions: [model.files]
          resources: ["model:openai/*"]
        - id: tuner-reads-training
          effect: allow
          principals: [tuner]
          actions: [dataset.read]
          resources: ["dataset:env=training"]
        - id: tuner-tunes
          effect: allow
          principals: [tuner]
          actions: [model.fine_tune]
          resources: ["model:openai/gpt-4o-mini*"]
      """;

  @Test
  void aJobMayOnlyTrainOnDataItsPrincipalMayRead() throws Exception {
    s.policy(PROVENANCE_POLICY);
    java.nio.file.Files.createDirectories(s.dir.resolve("data/prod"));
    java.nio.file.Files.createDirectories(s.dir.resolve("data/training"));
    s.write("data/prod/tickets.jsonl", "{\"messages\":[{\"role\":\"user\",\"content\":\"refund order 7\"}]}\n");
    s.write("data/training/set.jsonl", "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}\n");
    String prod = s.dir.resolve("data/prod/tickets.jsonl").toString();
    String training = s.dir.resolve("data/training/set.jsonl").toString();
    ChildJvm.Result r = s.jvm().run("com.acme.training.TrainerMain",
        "thread:curator-1:upload:" + prod,
        "thread:tuner-1:finetune:gpt-4o-mini-2024-07-18:file=last",
        "thread:curator-1:upload:" + training,
        "thread:tuner-1:finetune:gpt-4o-mini-2024-07-18:file=last",
        // A file this JVM never saw uploaded: decided on the model alone.
        "thread:tuner-1:finetune:gpt-4o-mini-2024-07-18");
    assertTrue(r.step(1).startsWith("OK file tickets.jsonl"), r.toString());
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException") && r.step(2).contains("model.fine_tune")
        && r.step(2).contains("uploaded from dataset 'prod-tickets', which tuner may not read"), r.toString());
    assertTrue(r.step(3).startsWith("OK file set.jsonl"), r.toString());
    assertTrue(r.step(4).startsWith("OK job gpt-4o-mini-2024-07-18"), r.toString());
    assertTrue(r.step(5).startsWith("OK job"), r.toString());
    String trainingFileId = r.step(3).substring(r.step(3).lastIndexOf(' ') + 1);

    var wire = s.fake.requests();
    assertEquals(4, wire.size(), "two uploads and two jobs; the job on production data never left: " + wire);
    ObjectMapper json = new ObjectMapper();
    assertEquals(trainingFileId, json.readTree(wire.get(2).body()).path("training_file").asText(), wire.get(2).body());

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> uploads = audit.withAction("model.files");
    assertEquals(2, uploads.size(), audit.toString());
    assertEquals("[\"prod-tickets\"]", uploads.get(0).path("source_datasets").toString());
    assertEquals("[\"training-set\"]", uploads.get(1).path("source_datasets").toString());
    List<JsonNode> jobs = audit.withAction("model.fine_tune");
    assertEquals(3, jobs.size(), audit.toString());
    assertEquals("blocked", jobs.get(0).path("outcome").asText());
    assertEquals("tuner", jobs.get(0).path("principal").asText());
    assertEquals("[\"prod-tickets\"]", jobs.get(0).path("training_datasets").toString());
    assertEquals("allowed", jobs.get(1).path("outcome").asText());
    assertEquals("[\"training-set\"]", jobs.get(1).path("training_datasets").toString());
    assertTrue(jobs.get(2).path("training_datasets").isMissingNode(), jobs.get(2).toString());
  }
}
