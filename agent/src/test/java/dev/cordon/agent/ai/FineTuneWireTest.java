package dev.cordon.agent.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FineTuneWireTest {
  static FineTuneWire.Epochs read(String json) throws Exception {
    return FineTuneWire.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void epochsWhereverTheJobSetsThem() throws Exception {
    assertEquals(4, read("{\"model\":\"m\",\"hyperparameters\":{\"n_epochs\":4}}").value());
    assertEquals(2, read("{\"method\":{\"type\":\"supervised\",\"supervised\":{\"hyperparameters\":{\"n_epochs\":2}}}}").value());
    assertEquals(FineTuneWire.AUTO, read("{\"hyperparameters\":{\"n_epochs\":\"auto\"}}").value());
    FineTuneWire.Epochs none = read("{\"model\":\"m\",\"training_file\":\"f\"}");
    assertEquals(FineTuneWire.ABSENT, none.value());
    assertFalse(none.hasHyperparameters());
    assertTrue(read("{\"hyperparameters\":{\"batch_size\":8}}").hasHyperparameters());
  }

  @Test
  void theLimitIsAddedToAJobWithoutHyperparameters() throws Exception {
    byte[] out = FineTuneWire.withEpochs("{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8), 3);
    assertEquals("{\"hyperparameters\":{\"n_epochs\":3},\"model\":\"m\"}", new String(out, StandardCharsets.UTF_8));
    assertEquals(3, FineTuneWire.read(out).value());
  }
}
