package dev.cordon.policy;

import static dev.cordon.policy.Yaml.HEAD;
import static dev.cordon.policy.Yaml.has;
import static dev.cordon.policy.Yaml.only;
import static dev.cordon.policy.Yaml.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each validation rule of spec 2, with the exact line and column it reports. */
class ValidationTest {
    private static final String PRINCIPAL_A = "principals:\n  - id: a\n    match: { threads: [\"t-*\"] }\n";

    @Test
    void versionIsRequired() {
        only("mode: enforce\n", 1, 1, "missing 'version' in the policy");
    }

    @Test
    void versionMustBeOne() {
        only("version: 2\nmode: enforce\n", 1, 10, "unsupported policy version 2");
    }

    @Test
    void versionMustBeANumber() {
        only("version: one\nmode: enforce\n", 1, 10, "'version' in the policy must be a whole number, found 'one'");
    }

    @Test
    void modeIsRequired() {
        only("version: 1\n", 1, 1, "missing 'mode' in the policy");
    }

    @Test
    void modeMustBeKnown() {
        only("version: 1\nmode: enforced\n", 2, 7, "'mode' must be enforce or monitor, found 'enforced'");
    }

    @Test
    void modeIsCaseInsensitive() {
        assertEquals(Mode.MONITOR, Yaml.parse("version: 1\nmode: MONITOR\n").mode());
    }

    @Test
    void unknownTopLevelKeyWithSuggestion() {
        only(HEAD + "rulez: []\n", 3, 1, "unknown key 'rulez' in the policy; did you mean 'rules'?");
    }

    @Test
    void lockModeMustBeBoolean() {
        only(HEAD + "lock_mode: sometimes\n", 3, 12, "'lock_mode' in the policy must be true or false");
    }

    @Test
    void separationAcceptsStrictAndOff() {
        assertEquals("strict", Yaml.parse(HEAD + "separation: strict\n").separation());
        assertEquals("off", Yaml.parse(HEAD).separation());
        only(HEAD + "separation: loose\n", 3, 13, "'separation' must be strict or off");
    }

    @Test
    void unknownKeyInPrincipal() {
        only(HEAD + PRINCIPAL_A + "    colour: red\n", 6, 5, "unknown key 'colour' in principal 'a'");
    }

    @Test
    void unknownKeyInMatch() {
        only(HEAD + "principals:\n  - id: a\n    match: { code: [\"a.**\"], thread: [x] }\n", 5, 30,
            "unknown key 'thread' in principal 'a' match; did you mean 'threads'?");
    }

    @Test
    void duplicatePrincipalId() {
        only(HEAD + PRINCIPAL_A + "  - id: a\n    match: { threads: [\"u\"] }\n", 6, 9,
            "duplicate principal id 'a' (first declared at line 4)");
    }

    @Test
    void duplicateIdsAreCheckedPerSection() {
        // The same id in two sections is fine.
        Yaml.parse(HEAD + PRINCIPAL_A
            + "models:\n  - { id: a, provider: openai, model: gpt-4o }\n");
    }

    @Test
    void duplicateModelId() {
        only(HEAD + "models:\n  - { id: m, provider: openai, model: a }\n  - { id: m, provider: openai, model: b }\n",
            5, 11, "duplicate model id 'm' (first declared at line 4)");
    }

    @Test
    void anonymousIsReserved() {
        only(HEAD + "principals:\n  - id: anonymous\n    match: { threads: [x] }\n", 4, 9, "'anonymous' is reserved");
    }

    @Test
    void principalNeedsCriteria() {
        only(HEAD + "principals:\n  - id: a\n    match: {}\n", 5, 12, "principal 'a' has no match criteria");
    }

    @Test
    void malformedClassGlob() {
        only(HEAD + "principals:\n  - id: a\n    match: { code: [\"com.acme**\"] }\n", 5, 21,
            "malformed class-name glob 'com.acme**': '**' must be a whole segment");
    }

    @Test
    void classGlobWithSlashes() {
        only(HEAD + "principals:\n  - id: a\n    match:\n      code:\n        - com/acme/**\n", 7, 11,
            "'/' cannot appear in a class name");
    }

    @Test
    void httpHeaderNeedsName() {
        only(HEAD + "principals:\n  - id: a\n    match: { http_header: { equals: x } }\n", 5, 27,
            "missing 'name' in principal 'a' http_header");
    }

    @Test
    void tooManyPrincipals() {
        StringBuilder b = new StringBuilder(HEAD + "principals:\n");
        for (int i = 0; i < 65; i++) {
            b.append("  - { id: p").append(i).append(", match: { threads: [t").append(i).append("] } }\n");
        }
        // The 65th entry is on line 3 + 1 + 64 = 68; its flow mapping starts at column 5.
        only(b.toString(), 68, 5, "too many principals: at most 64");
    }

    @Test
    void unknownProviderWithSuggestion() {
        only(HEAD + "models:\n  - id: m\n    provider: opnai\n    model: gpt-4o\n", 5, 15,
            "unknown provider 'opnai' in model 'm' (known: openai, azure-openai, anthropic, gemini, bedrock, ollama, \"*\"); did you mean 'openai'?");
    }

    @Test
    void modelNeedsProviderAndModel() {
        List<Problem> ps = problems(HEAD + "models:\n  - id: m\n");
        assertEquals(2, ps.size(), Yaml.render(ps));
        has(ps, 4, 5, "missing 'provider' in model 'm'");
        has(ps, 4, 5, "missing 'model' in model 'm'");
    }

    @Test
    void malformedIdSyntax() {
        only(HEAD + "models:\n  - { id: \"a/b\", provider: openai, model: x }\n", 4, 11, "malformed model id 'a/b'");
    }

    @Test
    void malformedFileGlob() {
        only(HEAD + "datasets:\n  - id: d\n    files: [\"/srv/**x/y\"]\n", 5, 13,
            "malformed file glob '/srv/**x/y': '**' must be a whole segment");
    }

    @Test
    void fileGlobRefusesShellWildcards() {
        only(HEAD + "datasets:\n  - id: d\n    files: [\"/srv/file?.csv\"]\n", 5, 13, "'?' is not supported in globs");
    }

    @Test
    void fileGlobWithTrailingSlash() {
        only(HEAD + "datasets:\n  - id: d\n    files: [\"/srv/data/\"]\n", 5, 13, "to cover a folder's files write '/srv/data/**'");
    }

    @Test
    void datasetMustGovernSomething() {
        only(HEAD + "datasets:\n  - id: d\n    env: production\n", 4, 5, "dataset 'd' has neither 'files' nor 'jdbc'");
    }

    @Test
    void jdbcNeedsUrlAndWellFormedTables() {
        List<Problem> ps = problems(HEAD + "datasets:\n  - id: d\n    jdbc: { tables: [\"a.b.c\", \"\\\"x\"] }\n");
        assertEquals(3, ps.size(), Yaml.render(ps));
        has(ps, 5, 11, "missing 'url' in dataset 'd' jdbc");
        has(ps, 5, 22, "malformed table name 'a.b.c': use 'table' or 'schema.table'");
        has(ps, 5, 31, "malformed table name '\"x'");
    }

    @Test
    void endpointTlsMustBeKnown() {
        only(HEAD + "endpoints:\n  - { host: api.openai.com, tls: maybe }\n", 4, 34,
            "'tls' in endpoints entry 1 must be required or optional, found 'maybe'");
    }

    @Test
    void endpointHostWithoutScheme() {
        only(HEAD + "endpoints:\n  - host: https://api.openai.com\n", 4, 11, "without a scheme");
    }

    @Test
    void endpointPortInRange() {
        only(HEAD + "endpoints:\n  - { host: localhost, port: 70000 }\n", 4, 30, "must be at most 65535");
    }

    @Test
    void endpointProviderMayNotBeStar() {
        only(HEAD + "endpoints:\n  - { host: localhost, provider: \"*\" }\n", 4, 34, "unknown provider '*'");
    }

    @Test
    void credentialMaxAgeFormat() {
        only(HEAD + "credentials:\n  - { id: k, provider: openai, file: key.txt, max_age: 30 days }\n", 4, 56,
            "malformed max_age '30 days': use a whole number and a unit, e.g. 30d, 12h, 15m, 60s");
    }

    @Test
    void credentialNeedsFile() {
        only(HEAD + "credentials:\n  - { id: k, provider: openai }\n", 4, 5, "missing 'file' in credential 'k'");
    }

    @Test
    void redactionOperatorMustBeKnown() {
        only(HEAD + "redaction:\n  operator: BLUR\n", 4, 13, "unknown redaction operator 'BLUR'");
    }

    @Test
    void malformedCustomRegex() {
        only(HEAD + "redaction:\n  custom:\n    - { id: EMP, pattern: \"EMP-[0-9\" }\n", 5, 27,
            "malformed regex 'EMP-[0-9' in custom redaction 'EMP': missing closing ]");
    }

    @Test
    void customRegexThatCannotRunInLinearTimeIsRefused() {
        only(HEAD + "redaction:\n  custom:\n    - { id: EMP, pattern: \"(a+)\\\\1\" }\n", 5, 27,
            "pattern '(a+)\\1' of custom redaction 'EMP' uses a construct that cannot run in linear time");
        only(HEAD + "redaction:\n  custom:\n    - { id: EMP, pattern: \"EMP-(?=[0-9])\" }\n", 5, 27, "cannot run in linear time");
    }

    @Test
    void allowListEntriesAreValuesOrLinearPatterns() {
        Policy p = Yaml.parse(HEAD + "redaction:\n  allow: [\"support@acme.com\", { pattern: \"4242( ?4242){3}\" }, { value: x }]\n");
        assertEquals(List.of("support@acme.com", "x"), p.redaction().allow().values());
        assertEquals(List.of("4242( ?4242){3}"), p.redaction().allow().patterns());
        only(HEAD + "redaction:\n  allow: [{ pattern: \"(?<=a)b\" }]\n", 4, 22, "cannot run in linear time");
        only(HEAD + "redaction:\n  allow: [{ value: a, pattern: b }]\n", 4, 11, "needs one of 'value' or 'pattern'");
        only(HEAD + "redaction:\n  allow: { value: a }\n", 4, 10, "'allow' in redaction must be a list");
    }

    @Test
    void hashKeyFileDefaultsBesideThePolicy() {
        Policy p = Yaml.parse(HEAD);
        assertEquals(null, p.redaction().keyFile());
        assertEquals(p.baseDir().resolve("cordon-redaction.key"), p.redaction().keyFile(p.baseDir()));
        Policy q = Yaml.parse(HEAD + "redaction:\n  operator: HASH\n  key_file: keys/hmac.key\n");
        assertEquals(q.baseDir().resolve("keys/hmac.key"), q.redaction().keyFile());
    }

    @Test
    void customRegexMatchingEmptyIsRefused() {
        only(HEAD + "redaction:\n  custom:\n    - { id: EMP, pattern: \"[0-9]*\" }\n", 5, 27, "matches the empty string");
    }

    @Test
    void customNeedsPatternOrTermsNotBoth() {
        List<Problem> ps = problems(HEAD + "redaction:\n  custom:\n    - { id: A }\n    - { id: B, pattern: x, terms: [y] }\n");
        assertEquals(2, ps.size(), Yaml.render(ps));
        has(ps, 5, 7, "custom redaction 'A' needs 'pattern' (a regex) or 'terms'");
        has(ps, 6, 25, "custom redaction 'B' has both 'pattern' and 'terms'");
    }

    @Test
    void customIdMayNotShadowBuiltIn() {
        only(HEAD + "redaction:\n  custom:\n    - { id: EMAIL, terms: [x] }\n", 5, 13, "'EMAIL' is a built-in redaction type");
    }

    @Test
    void auditPromptsMustBeKnown() {
        only(HEAD + "audit:\n  prompts: plain\n", 4, 12, "'prompts' in audit must be none, hash or redacted");
    }

    // ---- rules ----

    private static String rule(String body) {
        return HEAD + PRINCIPAL_A
            + "models:\n  - { id: m, provider: openai, model: \"gpt-4o*\" }\n"
            + "datasets:\n  - { id: d, env: production, labels: [pii], files: [\"/srv/**\"] }\n"
            + "rules:\n" + body;
        // principals: lines 3-5, models 6-7, datasets 8-9, rules: line 10, rule body from line 11.
    }

    @Test
    void ruleReferencesUndeclaredPrincipal() {
        only(rule("  - { id: r, effect: allow, principals: [a, b], actions: [model.chat], resources: [\"model:m\"] }\n"),
            11, 45, "rule refers to undeclared principal 'b'");
    }

    @Test
    void ruleReferencesUndeclaredModel() {
        only(rule("  - id: r\n    effect: allow\n    principals: [a]\n    actions: [model.chat]\n    resources: [\"model:big\"]\n"),
            15, 17, "rule refers to undeclared model 'big'");
    }

    @Test
    void modelProviderGlobAndStarNeedNoDeclaration() {
        Yaml.parse(rule("  - { id: r, effect: allow, principals: [a], actions: [\"*\"], resources: [\"model:openai/gpt-5*\", \"model:*\", \"dataset:*\", \"vector:docs*\", \"*\"] }\n"));
    }

    @Test
    void ruleReferencesUndeclaredDataset() {
        only(rule("  - { id: r, effect: allow, principals: [a], actions: [dataset.read], resources: [\"dataset:e\"] }\n"),
            11, 83, "rule refers to undeclared dataset 'e'; did you mean 'd'?");
    }

    @Test
    void datasetEnvAndLabelMustExist() {
        List<Problem> ps = problems(rule("  - id: r\n    effect: deny\n    principals: [a]\n    actions: [dataset.read]\n"
            + "    resources:\n      - dataset:env=prod\n      - dataset:label=pii\n      - dataset:label=secret\n"));
        assertEquals(2, ps.size(), Yaml.render(ps));
        has(ps, 16, 9, "no declared dataset has env 'prod'");
        has(ps, 18, 9, "no declared dataset has label 'secret'");
    }

    @Test
    void ruleReferencesUndeclaredCredential() {
        only(rule("  - id: r\n    effect: allow\n    principals: [a]\n    actions: [model.chat]\n    resources: [\"model:m\"]\n    credential: key\n"),
            16, 17, "rule refers to undeclared credential 'key'");
    }

    @Test
    void unknownAction() {
        only(rule("  - id: r\n    effect: allow\n    principals: [a]\n    actions: [model.chat, model.talk]\n    resources: [\"model:m\"]\n"),
            14, 27, "unknown action 'model.talk'");
    }

    @Test
    void actionGlobsOtherThanFamiliesAreRefused() {
        only(rule("  - { id: r, effect: allow, principals: [a], actions: [\"model.ch*\"], resources: [\"model:m\"] }\n"),
            11, 56, "unknown action 'model.ch*'");
    }

    @Test
    void unknownResourceForm() {
        only(rule("  - { id: r, effect: allow, principals: [a], actions: [\"*\"], resources: [\"file:/etc\"] }\n"),
            11, 74, "unknown resource 'file:/etc'");
    }

    @Test
    void modelGlobNeedsProvider() {
        only(rule("  - { id: r, effect: allow, principals: [a], actions: [\"*\"], resources: [\"model:gpt-4*\"] }\n"),
            11, 74, "a model glob needs a provider, e.g. model:openai/gpt-4*");
    }

    @Test
    void resourceProviderMustBeKnown() {
        only(rule("  - { id: r, effect: allow, principals: [a], actions: [\"*\"], resources: [\"model:oai/x\"] }\n"),
            11, 74, "unknown provider 'oai' in 'model:oai/x'");
    }

    @Test
    void effectMustBeAllowOrDeny() {
        only(rule("  - { id: r, effect: permit, principals: [a], actions: [\"*\"], resources: [\"*\"] }\n"),
            11, 22, "'effect' in rule 'r' must be allow or deny, found 'permit'");
    }

    @Test
    void badEffectIsReportedOnce() {
        only(rule("  - { id: r, effect: permit, principals: [a], actions: [\"*\"], resources: [\"*\"], limits: { max_rows: 5 } }\n"),
            11, 22, "'effect' in rule 'r' must be allow or deny");
    }

    @Test
    void ruleListsAreRequired() {
        List<Problem> ps = problems(rule("  - id: r\n    effect: allow\n"));
        assertEquals(3, ps.size(), Yaml.render(ps));
        has(ps, 11, 5, "missing 'principals' in rule 'r'");
        has(ps, 11, 5, "missing 'actions' in rule 'r'");
        has(ps, 11, 5, "missing 'resources' in rule 'r'");
    }

    @Test
    void emptyRuleListIsRefused() {
        only(rule("  - { id: r, effect: allow, principals: [], actions: [\"*\"], resources: [\"*\"] }\n"),
            11, 41, "'principals' in rule 'r' is empty, so the rule can never apply");
    }

    @Test
    void duplicateRuleId() {
        only(rule("  - { id: r, effect: allow, principals: [a], actions: [\"*\"], resources: [\"*\"] }\n"
            + "  - { id: r, effect: deny, principals: [a], actions: [\"*\"], resources: [\"*\"] }\n"),
            12, 11, "duplicate rule id 'r' (first declared at line 11)");
    }

    @Test
    void unknownLimitKey() {
        only(rule("  - id: r\n    effect: allow\n    principals: [a]\n    actions: [model.chat]\n    resources: [\"model:m\"]\n"
            + "    limits: { max_tokens: 5 }\n"), 16, 15, "unknown key 'max_tokens' in rule 'r' limits");
    }

    @Test
    void limitValuesAreChecked() {
        List<Problem> ps = problems(rule("  - id: r\n    effect: allow\n    principals: [a]\n    actions: [model.chat]\n    resources: [\"model:m\"]\n"
            + "    limits:\n      max_output_tokens: 0\n      stream: maybe\n      max_rows: -3\n      n_epochs: 1.5\n      tools: lookup\n"));
        assertEquals(5, ps.size(), Yaml.render(ps));
        has(ps, 17, 26, "must be at least 1, found 0");
        has(ps, 18, 15, "'stream' in rule 'r' limits must be true or false, found 'maybe'");
        has(ps, 19, 17, "must be at least 1, found -3");
        has(ps, 20, 17, "must be a whole number, found '1.5'");
        has(ps, 21, 14, "'tools' in rule 'r' limits must be a list");
    }

    @Test
    void unknownRedactionTypeWithSuggestion() {
        only(rule("  - id: r\n    effect: allow\n    principals: [a]\n    actions: [model.chat]\n    resources: [\"model:m\"]\n"
            + "    redact: { prompt: [EMAILS] }\n"), 16, 24, "unknown redaction type 'EMAILS'");
        Problem p = only(rule("  - id: r\n    effect: allow\n    principals: [a]\n    actions: [model.chat]\n    resources: [\"model:m\"]\n"
            + "    redact: { output: [email] }\n"), 16, 24, "unknown redaction type 'email'");
        assertTrue(p.message().endsWith("did you mean 'EMAIL'?"), p.message());
    }

    @Test
    void customRedactionTypesAreKnownToRules() {
        Yaml.parse(rule("  - id: r\n    effect: allow\n    principals: [a]\n    actions: [model.chat]\n    resources: [\"model:m\"]\n"
            + "    redact: { prompt: [EMP, INVISIBLE] }\n") + "redaction:\n  custom:\n    - { id: EMP, pattern: \"EMP-[0-9]{6}\" }\n");
    }

    @Test
    void maskOperatorMustBeKnown() {
        only(rule("  - id: r\n    effect: allow\n    principals: [a]\n    actions: [dataset.read]\n    resources: [\"dataset:d\"]\n"
            + "    mask: { \"t.email\": SCRAMBLE }\n"), 16, 24, "mask operator for 't.email' must be HASH, LAST4, REDACT or TAG");
    }

    @Test
    void ruleModeMustBeKnown() {
        only(rule("  - { id: r, effect: allow, principals: [a], actions: [\"*\"], resources: [\"*\"], mode: audit }\n"),
            11, 86, "'mode' in rule 'r' must be enforce or monitor");
    }

    @Test
    void allowOnlyKeysOnDenyRule() {
        only(rule("  - id: r\n    effect: deny\n    principals: [a]\n    actions: [model.chat]\n    resources: [\"model:m\"]\n"
            + "    limits: { max_output_tokens: 5 }\n"), 16, 5, "'limits' has no effect on deny rule 'r'");
    }

    @Test
    void ruleThatCanNeverApply() {
        only(rule("  - id: r\n    effect: deny\n    principals: [a]\n    actions: [model.chat]\n    resources: [\"dataset:d\"]\n"),
            15, 16, "rule 'r' can never apply: none of its actions acts on its resources");
    }

    @Test
    void sectionOfWrongShape() {
        only(HEAD + "principals:\n  id: a\n", 4, 3, "'principals' must be a list of entries");
        only(HEAD + "rules:\n  - just-a-string\n", 4, 5, "each entry of 'rules' must be a mapping");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String text = "version: 3\nmode: sometimes\nprincipals:\n  - id: a\n    match: { code: [\"x**\"] }\n"
            + "rules:\n  - { id: r, effect: allow, principals: [zz], actions: [model.talk], resources: [\"model:nope\"] }\n";
        List<Problem> ps = problems(text);
        assertEquals(6, ps.size(), Yaml.render(ps));
        has(ps, 1, 10, "unsupported policy version 3");
        has(ps, 2, 7, "'mode' must be enforce or monitor");
        has(ps, 5, 21, "malformed class-name glob 'x**'");
        has(ps, 7, 42, "undeclared principal 'zz'");
        has(ps, 7, 57, "unknown action 'model.talk'");
        has(ps, 7, 82, "undeclared model 'nope'");
        // In file order, each rendered as file:line:column: message.
        assertEquals("cordon.yaml:1:10: unsupported policy version 3: this Cordon reads version 1", ps.get(0).toString());
    }

    @Test
    void exceptionMessageListsEveryProblemOnItsOwnLine() {
        PolicyException e = org.junit.jupiter.api.Assertions.assertThrows(PolicyException.class,
            () -> PolicyLoader.parse("version: 2\nmode: x\n", "p.yaml", false, null));
        assertEquals("p.yaml:1:10: unsupported policy version 2: this Cordon reads version 1\n"
            + "p.yaml:2:7: 'mode' must be enforce or monitor, found 'x'", e.getMessage());
    }
}
