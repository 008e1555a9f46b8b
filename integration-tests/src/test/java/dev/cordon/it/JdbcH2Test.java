package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JDBC datasets on H2 under the real agent: every statement path, tables found by the parser,
 * denials before anything reaches the database, masks through every getter, max_rows, HikariCP,
 * and the audit entries. The database is set up and checked by this JVM, without the agent.
 */
class JdbcH2Test {
  static final String MASK_KEY = "test-mask-key";
  static final String POLICY = """
      version: 1
      mode: enforce
      principals:
        - id: trainer
          match: { code: ["com.acme.training.**"] }
        - id: analyst
          match: { code: ["com.acme.data.**"] }
      datasets:
        - id: prod-customers
          env: production
          labels: [pii]
          jdbc: { url: "jdbc:h2:*prod*", tables: ["customers", "orders", '"Secret"'] }
        - id: training-corpus
          env: training
          jdbc: { url: "jdbc:h2:*prod*", tables: ["training.corpus"] }
      rules:
        - id: analyst-reads-customers
          effect: allow
          principals: [analyst]
          actions: [dataset.read]
          resources: ["dataset:prod-customers"]
          mask: { "customers.email": HASH, "customers.card_number": LAST4, "customers.name": TAG, "customers.salary": REDACT }
          limits: { max_rows: 3 }
        - id: trainer-owns-training
          effect: allow
          principals: [trainer]
          actions: ["dataset.*"]
          resources: ["dataset:training-corpus"]
      """;

  Scenario s;
  String url;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
    s.policy(POLICY);
    url = "jdbc:h2:file:" + s.dir.resolve("prod");
    SqlDb.exec(url, "sa", "",
        "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50), email VARCHAR(100), card_number VARCHAR(20), salary INT)",
        "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, total DECIMAL(10,2))",
        "INSERT INTO orders VALUES (1, 1, 10.50), (2, 2, 20.00), (3, 1, 7.25)",
        "CREATE TABLE notes (id INT, body VARCHAR(100))",
        "INSERT INTO notes VALUES (1, 'hello'), (2, 'world')",
        "CREATE TABLE \"Secret\" (id INT)",
        "CREATE SCHEMA training",
        "CREATE TABLE training.corpus (id INT, text VARCHAR(200))",
        "CREATE SEQUENCE probe START WITH 1");
    SqlDb.exec(url, "sa", "", SqlDb.CUSTOMERS);
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  private ChildJvm.Result run(String main, String... steps) throws Exception {
    return run(main, false, steps);
  }

  private ChildJvm.Result run(String main, boolean hikari, String... steps) throws Exception {
    ChildJvm j = s.jvm().jvmArg("-Djdbc.url=" + url).jvmArg("-Djdbc.user=sa").jvmArg("-Djdbc.password=")
        .env("CORDON_MASK_KEY", MASK_KEY);
    if (hikari) j.jvmArg("-Djdbc.pool=hikari");
    return j.run(main, steps);
  }

  static String hmac(String value) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(MASK_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 0, 8);
  }

  private static void assertDenied(String line, String what) {
    assertTrue(line.startsWith("DENIED 42501 java.sql.SQLSyntaxErrorException: Cordon denied"), what + ": " + line);
  }

  @Test
  void everyStatementPathIsDeniedBeforeTheDatabaseSeesIt() throws Exception {
    String[] steps = {
        "query:SELECT NEXT VALUE FOR probe, id FROM customers",
        "prepared:SELECT NEXT VALUE FOR probe, email FROM customers WHERE id = ?",
        "execute:SELECT NEXT VALUE FOR probe, id FROM orders",
        "pexecute:SELECT NEXT VALUE FOR probe FROM customers",
        "update:DELETE FROM customers",
        "pupdate:UPDATE orders SET total = 0",
        "batch:INSERT INTO customers VALUES (9, 'Eve', 'eve@example.com', '1', 1)",
        "call:SELECT NEXT VALUE FOR probe FROM customers",
        "native:SELECT email FROM customers",
        "query:SELECT body FROM notes ORDER BY id",
        "query:SELECT id, text FROM training.corpus",
    };
    ChildJvm.Result r = run("com.acme.training.TrainerSqlMain", steps);
    for (int i = 1; i <= 9; i++) assertDenied(r.step(i), steps[i - 1] + "\n" + r);
    assertTrue(r.step(1).contains("principal 'trainer' may not dataset.read on dataset:prod-customers"), r.step(1));
    assertTrue(r.step(5).contains("may not dataset.write on dataset:prod-customers"), r.step(5));
    assertEquals("OK rows=[body=hello; body=world]", r.step(10), "ungoverned tables stay open");
    assertEquals("OK rows=[]", r.step(11), "the trainer's own dataset is allowed");
    // Nothing reached the database: no sequence value was drawn, no row changed.
    assertEquals("1", SqlDb.one(url, "sa", "", "SELECT NEXT VALUE FOR probe"));
    assertEquals("5", SqlDb.one(url, "sa", "", "SELECT COUNT(*) FROM customers"));
    assertEquals("37.75", SqlDb.one(url, "sa", "", "SELECT SUM(total) FROM orders"));

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    JsonNode first = audit.withAction("dataset.read").get(0);
    assertEquals("trainer", first.path("principal").asText());
    assertEquals("prod-customers", first.path("dataset").asText());
    assertEquals("dataset:prod-customers", first.path("resource").asText());
    assertEquals("blocked", first.path("outcome").asText());
    assertEquals("SELECT NEXT VALUE FOR probe, id FROM customers", first.path("sql").asText());
    assertEquals("[\"customers\"]", first.path("tables").toString());
    assertTrue(first.path("caller").asText().startsWith("com.acme.training.TrainerSqlMain.main("), first.toString());
  }

  @Test
  void tablesAreFoundThroughJoinsSubqueriesCtesMergeAndQualifiedOrQuotedNames() throws Exception {
    String[] denied = {
        "query:SELECT n.body FROM notes n JOIN customers c ON c.id = n.id",
        "query:SELECT body FROM notes WHERE id IN (SELECT id FROM customers WHERE salary > 1)",
        "query:WITH x AS (SELECT email FROM customers) SELECT * FROM x",
        "update:INSERT INTO training.corpus (id, text) SELECT id, email FROM customers",
        "update:MERGE INTO customers c USING notes n ON (c.id = n.id) WHEN MATCHED THEN UPDATE SET c.name = n.body",
        "query:SELECT * FROM PUBLIC.CUSTOMERS",
        "query:SELECT * FROM \"PUBLIC\".\"CUSTOMERS\"",
        "query:SELECT * FROM \"Secret\"",
        "update:TRUNCATE TABLE orders",
        "update:DROP TABLE orders",
        "update:ALTER TABLE orders ADD COLUMN x INT",
        "update:CREATE INDEX idx ON orders (total)",
        "query:SELECT 1 FROM notes; DELETE FROM orders",
    };
    ChildJvm.Result r = run("com.acme.training.TrainerSqlMain", denied);
    for (int i = 1; i <= denied.length; i++) assertDenied(r.step(i), denied[i - 1] + "\n" + r);
    assertTrue(r.step(4).contains("dataset.read on dataset:prod-customers"), "INSERT … SELECT reads customers: " + r.step(4));
    assertEquals("0", SqlDb.one(url, "sa", "", "SELECT COUNT(*) FROM training.corpus"));
    assertEquals("3", SqlDb.one(url, "sa", "", "SELECT COUNT(*) FROM orders"));
    assertEquals("Ann", SqlDb.one(url, "sa", "", "SELECT name FROM customers WHERE id = 1"));
  }

  @Test
  void aStatementWhoseTablesCannotBeDeterminedIsDeniedOnAGovernedDatabaseOnly() throws Exception {
    String[] steps = {"query:SELEKT email FROM customers WHERE name = 'Ann'", "call:{call secret_proc(1)}",
        "update:DROP SCHEMA training CASCADE"};
    ChildJvm.Result r = run("com.acme.training.TrainerSqlMain", steps);
    for (int i = 1; i <= steps.length; i++) {
      assertDenied(r.step(i), steps[i - 1]);
      assertTrue(r.step(i).contains("its tables could not be determined"), r.step(i));
    }
    JsonNode e = s.audit().where(x -> x.path("action").asText().startsWith("dataset.")).get(0);
    assertEquals("blocked", e.path("outcome").asText());
    assertEquals("SELEKT email FROM customers WHERE name = ?", e.path("sql").asText(), "no literal in the audit");
    assertEquals("[\"prod-customers\",\"training-corpus\"]", e.path("datasets").toString());
    assertEquals("training", SqlDb.one(url, "sa", "", "SELECT schema_name FROM information_schema.schemata "
        + "WHERE schema_name = 'TRAINING'").toLowerCase());

    // A database no dataset names: the same statements go to the driver untouched.
    String scratch = "jdbc:h2:file:" + s.dir.resolve("scratch");
    SqlDb.exec(scratch, "sa", "", "CREATE TABLE customers (id INT)");
    ChildJvm.Result free = s.jvm().jvmArg("-Djdbc.url=" + scratch).jvmArg("-Djdbc.user=sa").jvmArg("-Djdbc.password=")
        .run("com.acme.training.TrainerSqlMain", "query:SELEKT 1", "query:SELECT COUNT(*) FROM customers");
    assertTrue(free.step(1).startsWith("FAIL 42001"), "H2's own syntax error: " + free);
    assertEquals("OK rows=[count(*)=0]", free.step(2));
  }

  @Test
  void masksApplyThroughEveryGetterAliasExpressionAndDerivedTable() throws Exception {
    String ann = hmac("ann@example.com");
    ChildJvm.Result r = run("com.acme.data.AnalystSqlMain",
        "getters:SELECT id, name, email, card_number, salary FROM customers WHERE id = 1",
        "query:SELECT email AS e, c.card_number AS cc, upper(email) AS u, length(name) AS n FROM customers c WHERE id = 1",
        "query:SELECT * FROM customers WHERE id = 1",
        "query:WITH x AS (SELECT email AS m FROM customers) SELECT m FROM x WHERE m LIKE 'ann%'",
        "query:SELECT t.m FROM (SELECT id, email AS m FROM customers) t WHERE t.id = 1",
        "query:SELECT name FROM customers WHERE id = 1 UNION ALL SELECT body FROM notes WHERE id = 1",
        "prepared:SELECT o.total, c.email FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = 1",
        "query:SELECT body FROM notes WHERE id = 1");
    assertEquals("OK id=1|name=<NAME>|email=" + ann + "|card_number=************1111|salary=null", r.step(1), r.toString());
    assertEquals("OK rows=[e=" + ann + "|cc=************1111|u=" + hmac("ANN@EXAMPLE.COM") + "|n=<N>]", r.step(2),
        r.toString());
    assertEquals("OK rows=[id=1|name=<NAME>|email=" + ann + "|card_number=************1111|salary=null]", r.step(3));
    assertEquals("OK rows=[m=" + ann + "]", r.step(4));
    assertEquals("OK rows=[m=" + ann + "]", r.step(5));
    assertEquals("OK rows=[name=<NAME>; name=<NAME>]", r.step(6), "a UNION column carries the strictest mask");
    assertEquals("OK rows=[total=10.50|email=" + ann + "]", r.step(7));
    assertEquals("OK rows=[body=hello]", r.step(8));
    assertFalse(r.stdout().contains("ann@example.com"), r.stdout());
    assertFalse(r.stdout().contains("4111111111111111"), r.stdout());

    List<JsonNode> reads = s.audit().withAction("dataset.read");
    assertEquals(7, reads.size(), s.audit().toString());
    JsonNode e = reads.get(0);
    assertEquals("redacted", e.path("outcome").asText());
    assertEquals("analyst-reads-customers", e.path("rule").asText());
    assertEquals("SELECT id, name, email, card_number, salary FROM customers WHERE id = ?", e.path("sql").asText());
    assertEquals(1, e.path("rows").asLong());
    assertEquals("[\"NAME:TAG\",\"EMAIL:HASH\",\"CARD_NUMBER:LAST4\",\"SALARY:REDACT\"]", e.path("masked").toString());
  }

  @Test
  void maxRowsStopsTheResultSetAndIsAudited() throws Exception {
    ChildJvm.Result r = run("com.acme.data.AnalystSqlMain", "count:SELECT id FROM customers",
        "count:SELECT id FROM customers WHERE id < 3");
    assertEquals("OK count=3", r.step(1), r.toString());
    assertEquals("OK count=2", r.step(2));
    List<JsonNode> reads = s.audit().withAction("dataset.read");
    assertEquals(3, reads.get(0).path("rows").asLong());
    assertTrue(reads.get(0).path("truncated").asBoolean(), reads.get(0).toString());
    assertEquals(3, reads.get(0).path("max_rows").asLong());
    assertEquals(2, reads.get(1).path("rows").asLong());
    assertFalse(reads.get(1).has("truncated"));
  }

  @Test
  void throughHikariCpEachStatementIsDecidedOnceAndMasked() throws Exception {
    ChildJvm.Result analyst = run("com.acme.data.AnalystSqlMain", true,
        "prepared:SELECT email FROM customers WHERE id = 2", "query:SELECT email FROM customers WHERE id = 2",
        "execute:SELECT card_number FROM customers WHERE id = 2");
    String bob = hmac("bob@example.com");
    assertEquals("OK rows=[email=" + bob + "]", analyst.step(1), analyst.toString());
    assertEquals("OK rows=[email=" + bob + "]", analyst.step(2));
    assertEquals("OK rows=[card_number=************0004]", analyst.step(3));
    assertEquals(3, s.audit().withAction("dataset.read").size(), "one entry per statement: " + s.audit());

    ChildJvm.Result trainer = run("com.acme.training.TrainerSqlMain", true, "prepared:SELECT email FROM customers",
        "update:DELETE FROM orders");
    assertDenied(trainer.step(1), "pool read");
    assertDenied(trainer.step(2), "pool write");
    List<JsonNode> blocked = s.audit().where(e -> "blocked".equals(e.path("outcome").asText()));
    assertEquals(2, blocked.size(), "decided once each, not once per proxy layer: " + s.audit());
    assertEquals("3", SqlDb.one(url, "sa", "", "SELECT COUNT(*) FROM orders"));
  }

  @Test
  void deniesAndMasksOnJava25() throws Exception {
    java.nio.file.Path jdk25 = java.nio.file.Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(jdk25.resolve("bin/java")),
        "no Java 25 on this machine");
    ChildJvm.Result trainer = s.jvm().javaHome(jdk25.toString()).jvmArg("-Djdbc.url=" + url).jvmArg("-Djdbc.user=sa")
        .jvmArg("-Djdbc.password=").run("com.acme.training.TrainerSqlMain", "update:DELETE FROM customers");
    assertDenied(trainer.step(1), "Java 25 write");
    ChildJvm.Result analyst = s.jvm().javaHome(jdk25.toString()).jvmArg("-Djdbc.url=" + url).jvmArg("-Djdbc.user=sa")
        .jvmArg("-Djdbc.password=").jvmArg("-Djdbc.pool=hikari").env("CORDON_MASK_KEY", MASK_KEY)
        .run("com.acme.data.AnalystSqlMain", "prepared:SELECT email FROM customers WHERE id = 1");
    assertEquals("OK rows=[email=" + hmac("ann@example.com") + "]", analyst.step(1), analyst.toString());
    assertEquals("5", SqlDb.one(url, "sa", "", "SELECT COUNT(*) FROM customers"));
  }

  @Test
  void monitorModeLetsStatementsThroughUnmaskedAndSaysWhatEnforceWouldDo() throws Exception {
    s.policy(POLICY.replace("mode: enforce", "mode: monitor"));
    ChildJvm.Result trainer = run("com.acme.training.TrainerSqlMain", "query:SELECT email FROM customers WHERE id = 1");
    assertEquals("OK rows=[email=ann@example.com]", trainer.step(1), trainer.toString());
    ChildJvm.Result analyst = run("com.acme.data.AnalystSqlMain", "query:SELECT email FROM customers WHERE id = 1",
        "count:SELECT id FROM customers");
    assertEquals("OK rows=[email=ann@example.com]", analyst.step(1));
    assertEquals("OK count=5", analyst.step(2));
    List<JsonNode> reads = s.audit().withAction("dataset.read");
    assertEquals("would_block", reads.get(0).path("outcome").asText());
    assertEquals("would_redact", reads.get(1).path("outcome").asText());
    assertEquals("[\"EMAIL:HASH\"]", reads.get(1).path("would_mask").toString());
    assertTrue(reads.get(2).path("would_truncate").asBoolean(), reads.get(2).toString());
  }
}
