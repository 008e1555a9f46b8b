package dev.cordon.policy;

import static dev.cordon.policy.Yaml.HEAD;
import static dev.cordon.policy.Yaml.has;
import static dev.cordon.policy.Yaml.only;
import static dev.cordon.policy.Yaml.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading: syntax errors with their location, empty files, non-mapping roots, duplicate keys. */
class SyntaxTest {
    @Test
    void emptyFile() {
        only("", 1, 1, "the policy is empty");
        only("# just a comment\n", 1, 1, "the policy is empty");
    }

    @Test
    void rootMustBeAMapping() {
        only("- a\n- b\n", 1, 1, "a policy must be a mapping");
        only("just text\n", 1, 1, "a policy must be a mapping (version: 1, mode: ..., rules: ...), found a string");
        assertEquals("a policy must be a mapping (version: 1, mode: ..., rules: ...), found a list",
            problems("[1, 2]", true).get(0).message());
    }

    @Test
    void yamlSyntaxErrorHasItsLocation() {
        only("version: 1\nmode: [enforce\n", 3, 1, "syntax error: expected ',' or ']'");
        only("version: 1\n  mode: enforce\n", 2, 7, "syntax error: mapping values are not allowed here");
        only("version: 1\nmode:\tenforce\n\tx: 1\n", 2, 6, "syntax error: found character '\\t(TAB)'");
    }

    @Test
    void jsonSyntaxErrorHasItsLocation() {
        List<Problem> ps = problems("{\"version\": 1,\n \"mode\": \"enforce\"\n  \"rules\": []}", true);
        assertEquals(1, ps.size());
        has(ps, 3, 3, "syntax error: Unexpected character ('\"' (code 34)): was expecting comma");
        has(problems("{\"version\": 1,\n \"mode\": \"enforce\",\n \"x\": [1, 2,]}", true), 3, 13, "syntax error");
    }

    @Test
    void jsonTrailingContent() {
        List<Problem> ps = problems("{\"version\": 1, \"mode\": \"enforce\"} {", true);
        assertEquals(1, ps.size());
        has(ps, 1, 35, "unexpected content after the end of the policy object");
    }

    @Test
    void duplicateKeys() {
        only(HEAD + "mode: monitor\n", 3, 1, "duplicate key 'mode'");
    }

    @Test
    void onlyOneYamlDocument() {
        only("version: 1\nmode: enforce\n---\nversion: 1\n", 4, 1, "only one YAML document is allowed");
    }

    @Test
    void aliasesAreRefused() {
        only(HEAD + "service: &s api\nredaction:\n  operator: *s\n", 5, 13, "YAML aliases (*name) are not supported");
    }

    @Test
    void byteOrderMarkIsIgnored() {
        assertEquals(Mode.ENFORCE, Yaml.parse("\uFEFF" + HEAD).mode());
    }

    @Test
    void nullSectionsAreEmpty() {
        Policy p = Yaml.parse(HEAD + "principals:\nmodels:\nrules:\nredaction:\naudit:\n");
        assertTrue(p.principals().isEmpty());
        assertTrue(p.rules().isEmpty());
        assertFalse(p.hasEndpoints());
    }

    @Test
    void presentButEmptyEndpointsIsAnAllowList() {
        Policy p = Yaml.parse(HEAD + "endpoints: []\n");
        assertTrue(p.hasEndpoints());
        assertTrue(p.endpoints().isEmpty());
    }

    @Test
    void policyListsAreUnmodifiable() {
        Policy p = Yaml.parse(HEAD + "models:\n  - { id: m, provider: openai, model: x }\n");
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> p.models().clear());
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> p.rules().add(null));
    }

    @Test
    void minimalPolicyDefaults() {
        Policy p = Yaml.parse(HEAD);
        assertEquals(RedactionConfig.DEFAULT, p.redaction());
        assertEquals(AuditConfig.Prompts.HASH, p.audit().prompts());
        assertEquals(Yaml.BASE.resolve("cordon-audit.jsonl").toAbsolutePath(), p.audit().file());
        assertEquals(null, p.service());
        assertTrue(p.endpoints().isEmpty());
    }
}
