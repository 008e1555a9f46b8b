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
}
