package dev.cordon.policy.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every scalar but keys, as the YAML parser reads it, or no answer: the cases where a guess would miss a glob. */
class YamlScalarsTest {
    @Test
    void readsBlockAndFlowStyles() {
        assertEquals(List.of("d0", "production", "/srv/data/d0/**"),
            YamlScalars.of("datasets:\n  - { id: d0, env: production, files: [\"/srv/data/d0/**\"] }\n"));
        assertEquals(List.of("a", "pii", "/srv/a/**", "data/b/*.csv", "jdbc:h2:*prod*", "customers"),
            YamlScalars.of("datasets:\n  - id: a   # the first\n    labels: [pii]\n    files:\n      - /srv/a/**\n"
                + "      - 'data/b/*.csv'\n    jdbc: { url: \"jdbc:h2:*prod*\", tables: [customers] }\n"));
        assertEquals(List.of("a", "/a/**", "/b/**"),
            YamlScalars.of("datasets:\n- id: a\n  files: [\n    \"/a/**\",   # one\n    '/b/**'\n  ]\n"));
        assertEquals(List.of("/a b/it's #1/**", "/c#d", "/e/[x]"),
            YamlScalars.of("datasets:\n  - files:\n    - '/a b/it''s #1/**'\n    - /c#d # not part of it\n    - /e/[x]\n"));
        assertEquals(List.of(), YamlScalars.of("datasets: []\n"));
        assertEquals(List.of("a", "x"), YamlScalars.of("datasets:\n  - id: a\n\n    env: x\n"));
        assertEquals(List.of("a", "k", "v"), YamlScalars.of("datasets:\n  - id : a\n    files: [k, v]\n    'q': {\"r\" : }\n"));
    }

    @Test
    void givesUpWhereItsReadingCouldDiffer() {
        assertNull(YamlScalars.of("datasets:\n  - files: [\"/a\\u002f**\"]\n"), "an escape");
        assertNull(YamlScalars.of("datasets:\n  - files: [\"/a\n    /b\"]\n"), "a quoted scalar over two lines");
        assertNull(YamlScalars.of("datasets:\n  - files:\n    - /srv/\n      prod/**\n"), "a plain scalar over two lines");
        assertNull(YamlScalars.of("datasets:\n  - files:\n    - /a\n      - /b\n"), "'- /b' continuing '/a'");
        assertNull(YamlScalars.of("datasets:\n  - files: /a\n      b: c\n"), "a more indented key continuing a value");
        assertNull(YamlScalars.of("datasets:\n  - files: [ /a\n    /b ]\n"), "a plain scalar over two lines in flow");
        assertNull(YamlScalars.of("datasets:\n  - env:\n      production\n"), "a scalar alone on its line");
        assertNull(YamlScalars.of("datasets:\n  - files: *globs\n"), "an alias");
        assertNull(YamlScalars.of("datasets:\n  - files: &g [/a]\n"), "an anchor");
        assertNull(YamlScalars.of("datasets:\n  - files: !!seq [/a]\n"), "a tag");
        assertNull(YamlScalars.of("datasets:\n  - files:\n    - |\n      /a\n"), "a block scalar");
        assertNull(YamlScalars.of("datasets:\n  - ? files\n    : [/a]\n"), "a complex key");
        assertNull(YamlScalars.of("datasets:\n  - files: [/a:b]\n"), "':' inside a plain scalar in flow");
        assertNull(YamlScalars.of("datasets:\n  - files: [/a?b]\n"), "'?' inside a plain scalar in flow");
        assertNull(YamlScalars.of("datasets:\n\t- files: [/a]\n"), "a tab");
        assertNull(YamlScalars.of("datasets:\n  - files: [\"/a\"x]\n"), "text glued to a closing quote");
        assertNull(YamlScalars.of("datasets:\n  - files: [/a\n"), "a flow collection left open");
        assertNull(YamlScalars.of("datasets:\n  - files: -/a\n"), "a plain scalar starting with an indicator");
    }
}
