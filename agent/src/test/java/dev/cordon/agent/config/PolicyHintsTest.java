package dev.cordon.agent.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The key scan says yes to every spelling of the key, and no to the word used otherwise. */
class PolicyHintsTest {
  @Test
  void findsTheKeyInYamlAndJson() {
    assertTrue(PolicyHints.hasKey("datasets:\n  - id: a\n    files: [\"/a\"]\n", "files"));
    assertTrue(PolicyHints.hasKey("datasets:\n  - { id: a, files: [/a] }\n", "files"));
    assertTrue(PolicyHints.hasKey("datasets:\n  - {id: a,files : [/a]}\n", "files"));
    assertTrue(PolicyHints.hasKey("files:\n", "files"));
    assertTrue(PolicyHints.hasKey("{\"datasets\": [{\"id\": \"a\", \"files\": [\"/a\"]}]}", "files"));
    assertTrue(PolicyHints.hasKey("{'jdbc'\t:{}}", "jdbc"));
    assertTrue(PolicyHints.hasKey("x: model.files\n  files:\n", "files"), "a later occurrence");
  }

  @Test
  void ignoresTheWordElsewhere() {
    assertFalse(PolicyHints.hasKey("rules:\n  - { actions: [model.files] }\n", "files"));
    assertFalse(PolicyHints.hasKey("rules:\n  - { id: no-files, effect: deny }\n", "files"));
    assertFalse(PolicyHints.hasKey("myfiles: x\n", "files"));
    assertFalse(PolicyHints.hasKey("files\n", "files"));
    assertFalse(PolicyHints.hasKey("", "jdbc"));
  }
}
