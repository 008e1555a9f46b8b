package dev.cordon.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The datasets section is cut out only when it is certainly the one the whole policy holds. */
class EarlyDatasetsTest {
  @Test
  void cutsTheSectionUpToTheNextTopLevelKey() {
    String text = "version: 1\nrules:\n  - id: r\ndatasets:\n  - id: a\n    files: [\"/srv/a/**\"]\n# note\n"
        + "- id: b\n  files:\n    - /srv/b/**\naudit:\n  file: x.jsonl\n";
    assertEquals("datasets:\n  - id: a\n    files: [\"/srv/a/**\"]\n# note\n- id: b\n  files:\n    - /srv/b/**\n",
        EarlyDatasets.section(text));
    assertEquals("datasets: []", EarlyDatasets.section("version: 1\ndatasets: []"));
  }

  @Test
  void readsTheDatasetsOfAPolicyFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("cordon.yaml"), "version: 1\nmode: enforce\n"
        + "datasets:\n  - { id: prod, env: production, files: [\"/srv/prod/**\"] }\n"
        + "rules:\n  - { id: r, effect: allow, principals: [\"*\"], actions: [model.chat], resources: [\"*\"] }\n");
    dev.cordon.policy.Policy early = EarlyDatasets.read(file);
    org.junit.jupiter.api.Assertions.assertNotNull(early);
    assertEquals("dataset:prod", early.datasetForFile("/srv/prod/a.csv").id());
    assertNull(early.datasetForFile("/srv/other/a.csv"));
    assertNull(EarlyDatasets.read(dir.resolve("missing.yaml")));
  }

  @Test
  void anythingAmbiguousIsLeftToTheWholePolicy() {
    assertNull(EarlyDatasets.section("version: 1\nrules: []\n"), "no section");
    assertNull(EarlyDatasets.section("datasets: []\ndatasets:\n  - id: a\n"), "two sections");
    assertNull(EarlyDatasets.section("datasets: []\n\"datasets\": [{id: a}]\n"), "a quoted spelling too");
    assertNull(EarlyDatasets.section("? datasets\n: []\n"), "a complex key");
    assertNull(EarlyDatasets.section("datasets: []\n---\ndatasets: [{id: a}]\n"), "several documents");
    assertNull(EarlyDatasets.section("%YAML 1.2\n---\ndatasets: []\n"), "directives");
    assertNull(EarlyDatasets.section("datasets: []\r\n"), "carriage returns");
  }
}
