package dev.cordon.policy.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The datasets section is cut out only when it is certainly the one the whole policy holds. */
class DatasetsSectionTest {
    @Test
    void cutsTheSectionUpToTheNextTopLevelKey() {
        String text = "version: 1\nrules:\n  - id: r\ndatasets:\n  - id: a\n    files: [\"/srv/a/**\"]\n# note\n"
            + "- id: b\n  files:\n    - /srv/b/**\n\naudit:\n  file: x.jsonl\n";
        assertEquals("datasets:\n  - id: a\n    files: [\"/srv/a/**\"]\n# note\n- id: b\n  files:\n    - /srv/b/**\n\n",
            DatasetsSection.of(text));
        assertEquals("datasets: []", DatasetsSection.of("version: 1\ndatasets: []"));
        assertEquals("datasets  : []\n", DatasetsSection.of("datasets  : []\nrules: []\n"));
    }

    @Test
    void anythingAmbiguousIsLeftToTheWholePolicy() {
        assertNull(DatasetsSection.of("version: 1\nrules: []\n"), "no section");
        assertNull(DatasetsSection.of("datasetsx: []\n"), "another key");
        assertNull(DatasetsSection.of("datasets: []\ndatasets:\n  - id: a\n"), "two sections");
        assertNull(DatasetsSection.of("datasets: []\nrules: []\ndatasets: []\n"), "two sections, apart");
        assertNull(DatasetsSection.of("datasets: []\n\"datasets\": [{id: a}]\n"), "a quoted spelling too");
        assertNull(DatasetsSection.of("datasets: []\n'datasets' : [{id: a}]\n"), "a single-quoted spelling too");
        assertNull(DatasetsSection.of("? datasets\n: []\n"), "a complex key");
        assertNull(DatasetsSection.of("datasets: []\n---\ndatasets: [{id: a}]\n"), "several documents");
        assertNull(DatasetsSection.of("datasets: []\n...\n"), "a document end");
        assertNull(DatasetsSection.of("%YAML 1.2\n---\ndatasets: []\n"), "directives");
        assertNull(DatasetsSection.of("datasets: []\r\n"), "carriage returns");
        assertNull(DatasetsSection.of("rules: []\u0085datasets: []\n"), "a next-line character YAML 1.1 breaks at");
        assertNull(DatasetsSection.of("rules: []\u2028datasets: []\n"), "a line separator");
    }
}
