package dev.cordon.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resource resolution: models, files, JDBC tables, vectors, endpoints. */
class LookupTest {
    private static final Policy P = Yaml.parse(Yaml.HEAD
        + "models:\n"
        + "  - { id: small, provider: openai, model: \"gpt-4o-mini*\" }\n"
        + "  - { id: any-mini, provider: \"*\", model: \"*mini*\" }\n"
        + "datasets:\n"
        + "  - id: prod\n"
        + "    files: [\"/srv/prod/**\", \"/etc/app/*.secret\"]\n"
        + "    jdbc: { url: \"jdbc:postgresql://db*/prod\", tables: [customers, \"billing.invoices\", '\"Orders\"'] }\n"
        + "  - id: whole-db\n"
        + "    jdbc: { url: \"jdbc:postgresql://db*/*\" }\n"
        + "  - id: rel\n"
        + "    files: [\"data/../shared/*.csv\"]\n"
        + "endpoints:\n"
        + "  - { host: \"*.openai.azure.com\" }\n"
        + "  - { host: localhost, tls: required }\n"
        + "  - { host: localhost, port: 11434, provider: ollama }\n"
        + "  - { host: api.openai.com, port: 443 }\n");

    @Test
    void resolveModelPicksTheFirstDeclaredMatchAndInterns() {
        ModelRef a = P.resolveModel("openai", "gpt-4o-mini");
        assertEquals("model:small", a.id());
        assertEquals("small", a.declared().id());
        assertSame(a, P.resolveModel("openai", "gpt-4o-mini"));
        assertEquals("model:any-mini", P.resolveModel("anthropic", "claude-mini").id());
        ModelRef u = P.resolveModel("anthropic", "claude-3-opus");
        assertNull(u.declared());
        assertEquals("model:anthropic/claude-3-opus", u.id());
        assertEquals("anthropic", u.provider());
        assertEquals("claude-3-opus", u.model());
    }

    @Test
    void resolveModelCacheIsBounded() {
        Policy p = Yaml.parse(Yaml.HEAD);
        for (int i = 0; i < ModelResolver.LIMIT; i++) {
            p.resolveModel("openai", "m" + i);
        }
        assertSame(p.resolveModel("openai", "m1"), p.resolveModel("openai", "m1"));
        ModelRef beyond = p.resolveModel("openai", "new-one");
        assertNotSame(beyond, p.resolveModel("openai", "new-one"));
        assertEquals(beyond, p.resolveModel("openai", "new-one"));
    }

    @Test
    void datasetForFile() {
        assertEquals("dataset:prod", P.datasetForFile("/srv/prod/a/b.csv").id());
        assertEquals("dataset:prod", P.datasetForFile("/etc/app/db.secret").id());
        assertNull(P.datasetForFile("/etc/app/sub/db.secret"));
        assertNull(P.datasetForFile("/srv/production/x"));
        assertNull(P.datasetForFile("/tmp/x"));
        assertSame(P.datasetForFile("/srv/prod/1"), P.datasetForFile("/srv/prod/2"));
        // "data/../shared/*.csv" relative to /policy-dir.
        assertEquals(List.of("/policy-dir/shared/*.csv"), P.datasets().get(2).files());
        assertEquals("dataset:rel", P.datasetForFile("/policy-dir/shared/x.csv").id());
    }

    @Test
    void fileGlobsThroughSymlinksGovernTheRealFiles(@TempDir Path tmp) throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real/data"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("real"));
        Policy p = PolicyLoader.parse(Yaml.HEAD + "datasets:\n  - { id: d, files: [\"" + link + "/data/**\"] }\n",
            "p.yaml", false, tmp);
        String file = real.toRealPath() + "/x.csv";
        assertEquals("dataset:d", p.datasetForFile(file).id());
    }

    @Test
    void datasetForJdbcTables() {
        String url = "jdbc:postgresql://db1/prod";
        assertEquals("dataset:prod", P.datasetForJdbc(url, "customers").id());
        assertEquals("dataset:prod", P.datasetForJdbc(url, "CUSTOMERS").id());
        assertEquals("dataset:prod", P.datasetForJdbc(url, "public.Customers").id());
        assertEquals("dataset:prod", P.datasetForJdbc(url, "\"public\".\"customers\"").id());
        // schema.table entries need the same schema when both sides name one.
        assertEquals("dataset:prod", P.datasetForJdbc(url, "BILLING.invoices").id());
        assertEquals("dataset:prod", P.datasetForJdbc(url, "invoices").id());
        assertEquals("dataset:whole-db", P.datasetForJdbc(url, "other.invoices").id());
        // A quoted entry is exact against a quoted name; an unquoted name may fold to it.
        assertEquals("dataset:prod", P.datasetForJdbc(url, "\"Orders\"").id());
        assertEquals("dataset:whole-db", P.datasetForJdbc(url, "\"ORDERS\"").id());
        assertEquals("dataset:prod", P.datasetForJdbc(url, "orders").id());
        // Tables not listed fall to the dataset covering the whole database.
        assertEquals("dataset:whole-db", P.datasetForJdbc(url, "audit_log").id());
        assertNull(P.datasetForJdbc("jdbc:h2:mem:x", "customers"));
        // URLs compare case-insensitively.
        assertEquals("dataset:prod", P.datasetForJdbc("JDBC:POSTGRESQL://DB1/PROD", "customers").id());
    }

    @Test
    void datasetsForJdbcUrl() {
        assertEquals(List.of("dataset:prod", "dataset:whole-db"),
            P.datasetsForJdbcUrl("jdbc:postgresql://db1/prod").stream().map(DatasetRef::id).toList());
        assertEquals(List.of("dataset:whole-db"),
            P.datasetsForJdbcUrl("jdbc:postgresql://db1/other").stream().map(DatasetRef::id).toList());
        assertTrue(P.datasetsForJdbcUrl("jdbc:mysql://x/y").isEmpty());
    }

    @Test
    void vectorsAreInterned() {
        VectorRef v = P.vector("docs");
        assertEquals("vector:docs", v.id());
        assertEquals("docs", v.collection());
        assertSame(v, P.vector("docs"));
    }

    @Test
    void endpoints() {
        assertEquals("*.openai.azure.com", P.endpoint("acme.OpenAI.azure.com", 443).host());
        assertNull(P.endpoint("openai.azure.com", 443));
        // The entry naming the port wins over the host-wide one declared before it.
        EndpointDef ollama = P.endpoint("localhost", 11434);
        assertEquals("ollama", ollama.provider());
        assertEquals(EndpointDef.Tls.OPTIONAL, ollama.tls());
        assertEquals(EndpointDef.Tls.REQUIRED, P.endpoint("localhost", 8080).tls());
        // An entry with a port covers only that port.
        assertEquals(443, P.endpoint("api.openai.com", 443).port());
        assertNull(P.endpoint("api.openai.com", 80));
        assertNull(P.endpoint("api.anthropic.com", 443));
    }

    @Test
    void tlsDefaultsToRequiredExceptOnLoopback() {
        Policy p = Yaml.parse(Yaml.HEAD + "endpoints:\n  - { host: api.openai.com }\n  - { host: 127.0.0.1, port: 8089 }\n");
        assertEquals(EndpointDef.Tls.REQUIRED, p.endpoint("api.openai.com", 443).tls());
        assertEquals(EndpointDef.Tls.OPTIONAL, p.endpoint("127.0.0.1", 8089).tls());
    }
}
