package dev.cordon.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every value of the datasets section, as the YAML parser reads it, or no answer: the cases where a guess would miss a glob. */
class EarlyFileDatasetsTest {
    @Test
    void readsBlockAndFlowStyles() {
        assertEquals(List.of("d0", "production", "/srv/data/d0/**"),
            EarlyFileDatasets.values("datasets:\n  - { id: d0, env: production, files: [\"/srv/data/d0/**\"] }\n"));
        assertEquals(List.of("a", "pii", "/srv/a/**", "data/b/*.csv", "jdbc:h2:*prod*", "customers"),
            EarlyFileDatasets.values("datasets:\n  - id: a   # the first\n    labels: [pii]\n    files:\n      - /srv/a/**\n"
                + "      - 'data/b/*.csv'\n    jdbc: { url: \"jdbc:h2:*prod*\", tables: [customers] }\n"));
        assertEquals(List.of("a", "/a/**", "/b/**"),
            EarlyFileDatasets.values("datasets:\n- id: a\n  files: [\n    \"/a/**\",   # one\n    '/b/**'\n  ]\n"));
        assertEquals(List.of("/a b/it's #1/**", "/c#d", "/e/[x]"),
            EarlyFileDatasets.values("datasets:\n  - files:\n    - '/a b/it''s #1/**'\n    - /c#d # not part of it\n    - /e/[x]\n"));
        assertEquals(List.of(), EarlyFileDatasets.values("datasets: []\n"));
        assertEquals(List.of("a", "x"), EarlyFileDatasets.values("datasets:\n  - id: a\n\n    env: x\n"));
        assertEquals(List.of("a", "k", "v", "s"), EarlyFileDatasets.values("datasets:\n  - id : a\n    files: [k, v]\n    'q': {\"r\": s}\n"));
    }

    @Test
    void givesUpWhereItsReadingCouldDiffer() {
        assertNull(EarlyFileDatasets.values("datasets:\n  - files: [\"/a\\u002f**\"]\n"), "an escape");
        assertNull(EarlyFileDatasets.values("datasets:\n  - files: [\"/a\n    /b\"]\n"), "a quoted scalar over two lines");
        assertNull(EarlyFileDatasets.values("datasets:\n  - files:\n    - /srv/\n      prod/**\n"), "a plain scalar over two lines");
        assertNull(EarlyFileDatasets.values("datasets:\n  - files:\n    - /a\n      - /b\n"), "'- /b' continuing '/a'");
        assertNull(EarlyFileDatasets.values("datasets:\n  - files: /a\n      b: c\n"), "a more indented key continuing a value");
        assertNull(EarlyFileDatasets.values("datasets:\n  - files: [ /a\n    /b ]\n"), "a plain scalar over two lines in flow");
        assertNull(EarlyFileDatasets.values("datasets:\n  - env:\n      production\n"), "a scalar alone on its line");
        assertNull(EarlyFileDatasets.values("datasets:\n  - files: *globs\n"), "an alias");
        assertNull(EarlyFileDatasets.values("datasets:\n  - files: &g [/a]\n"), "an anchor");
        assertNull(EarlyFileDatasets.values("datasets:\n  - files: !!seq [/a]\n"), "a tag");
        assertNull(EarlyFileDatasets.values("datasets:\n  - files:\n    - |\n      /a\n"), "a block scalar");
        assertNull(EarlyFileDatasets.values("datasets:\n  - ? files\n    : [/a]\n"), "a complex key");
        assertNull(EarlyFileDatasets.values("datasets:\n  - files: [/a:b]\n"), "':' inside a plain scalar in flow");
        assertNull(EarlyFileDatasets.values("datasets:\n  - files: [/a?b]\n"), "'?' inside a plain scalar in flow");
        assertNull(EarlyFileDatasets.values("datasets:\n\t- files: [/a]\n"), "a tab");
        assertNull(EarlyFileDatasets.values("datasets:\n  - files: [\"/a\"x]\n"), "text glued to a closing quote");
        assertNull(EarlyFileDatasets.values("datasets:\n  - files: [/a\n"), "a flow collection left open");
        assertNull(EarlyFileDatasets.values("datasets:\n  - files: -/a\n"), "a plain scalar starting with an indicator");
    }
}
