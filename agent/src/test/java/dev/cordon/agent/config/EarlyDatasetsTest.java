package dev.cordon.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cordon.policy.FileGlobSet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The datasets ahead of the policy: read without the parser when it can be, with it when not, never guessed. */
class EarlyDatasetsTest {
  private static final String RULES =
      "rules:\n  - { id: r, effect: allow, principals: [\"*\"], actions: [model.chat], resources: [\"*\"] }\n";

  @Test
  void readsTheDatasetsOfAPolicyFileWithoutTheParser(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("cordon.yaml"), "version: 1\nmode: enforce\n"
        + "datasets:\n  - { id: prod, env: production, files: [\"/srv/prod/**\"] }\n" + RULES);
    FileGlobSet early = EarlyDatasets.read(file);
    assertNotNull(early);
    org.junit.jupiter.api.Assertions.assertTrue(early.indexOf("/srv/prod/a.csv") >= 0);
    assertEquals(-1, early.indexOf("/srv/other/a.csv"));
    assertNull(EarlyDatasets.read(dir.resolve("missing.yaml")));
  }

  @Test
  void fallsBackToParsingTheSectionWhenTheReaderIsUnsure(@TempDir Path dir) throws Exception {
    // A double-quoted escape: the reader gives up, the section alone still parses.
    Path file = Files.writeString(dir.resolve("cordon.yaml"), "version: 1\nmode: enforce\n"
        + "datasets:\n  - { id: prod, env: production, files: [\"/srv/pr\\u006fd/**\"] }\n" + RULES);
    FileGlobSet early = EarlyDatasets.read(file);
    assertNotNull(early);
    assertEquals(java.util.List.of("/srv/prod/**"), early.globs());
  }

  @Test
  void noAnswerWhenOnlyTheWholePolicyCanTell(@TempDir Path dir) throws Exception {
    Path json = Files.writeString(dir.resolve("cordon.json"), "{\"version\": 1, \"datasets\": []}");
    assertNull(EarlyDatasets.read(json));
    Path alias = Files.writeString(dir.resolve("cordon.yaml"), "version: 1\nmode: enforce\nx: &g \"/srv/**\"\n"
        + "datasets:\n  - { id: prod, files: [*g] }\n" + RULES);
    assertNull(EarlyDatasets.read(alias));
  }
}
