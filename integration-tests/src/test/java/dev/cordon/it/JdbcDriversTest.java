package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same JDBC guarantees on SQLite and on PostgreSQL (started by .ci/run; these cases are
 * skipped only when no server answers on 127.0.0.1:5432), directly and through HikariCP.
 */
class JdbcDriversTest {
  static final String PG_BASE = "jdbc:postgresql://127.0.0.1:5432/cordon_it";
  static final String PG_USER = "cordon";
  static final String PG_PASSWORD = "cordon";

  Scenario s;
  String url;
  String user;
  String password;
  String schema;

  @AfterEach
  void tearDown() throws Exception {
    if (schema != null) SqlDb.exec(PG_BASE, PG_USER, PG_PASSWORD, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    if (s != null) s.close();
  }

  private void setUp(String driver) throws Exception {
    s = new Scenario();
    String urlGlob;
    if (driver.equals("postgresql")) {
      assumeTrue(postgresRunning(), "PostgreSQL is not running on 127.0.0.1:5432 (.ci/run starts it)");
      schema = "it_" + Long.toHexString(System.nanoTime());
      SqlDb.exec(PG_BASE, PG_USER, PG_PASSWORD, "CREATE SCHEMA " + schema);
      url = PG_BASE + "?currentSchema=" + schema;
      user = PG_USER;
      password = PG_PASSWORD;
      urlGlob = "jdbc:postgresql://*/cordon_it*";
    } else {
      url = "jdbc:sqlite:" + s.dir.resolve("prod.db");
      urlGlob = "jdbc:sqlite:*prod*";
    }
    SqlDb.exec(url, user, password,
        "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50), email VARCHAR(100), card_number VARCHAR(20), salary INT)",
        "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, total DECIMAL(10,2))",
        "INSERT INTO orders VALUES (1, 1, 10.50), (2, 2, 20.00), (3, 1, 7.25)",
        "CREATE TABLE notes (id INT, body VARCHAR(100))",
        "INSERT INTO notes VALUES (1, 'hello')");
    SqlDb.exec(url, user, password, SqlDb.CUSTOMERS);
    s.policy("""
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
            jdbc: { url: "%s", tables: ["customers", "orders"] }
        rules:
          - id: analyst-reads-customers
            effect: allow
            principals: [analyst]
            actions: [dataset.read]
            resources: ["dataset:prod-customers"]
            mask: { "customers.email": HASH, "customers.card_number": LAST4 }
            limits: { max_rows: 2 }
        """.formatted(urlGlob));
  }

  private static boolean postgresRunning() {
    try (Connection c = DriverManager.getConnection(PG_BASE, PG_USER, PG_PASSWORD)) {
      return c.isValid(2);
    } catch (Exception e) {
      return false;
    }
  }

  private ChildJvm.Result run(String main, boolean hikari, String... steps) throws Exception {
    ChildJvm j = s.jvm().jvmArg("-Djdbc.url=" + url).env("CORDON_MASK_KEY", JdbcH2Test.MASK_KEY);
    if (user != null) j.jvmArg("-Djdbc.user=" + user).jvmArg("-Djdbc.password=" + password);
    if (hikari) j.jvmArg("-Djdbc.pool=hikari");
    return j.run(main, steps);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  void deniedStatementsNeverReachTheDatabase(String driver) throws Exception {
    setUp(driver);
    String[] steps = {
        "query:SELECT email FROM customers",
        "prepared:SELECT c.email FROM customers c JOIN notes n ON n.id = c.id",
        "update:DELETE FROM customers",
        "batch:UPDATE orders SET total = 0",
        "pupdate:INSERT INTO notes (id, body) SELECT id, email FROM customers",
        "query:SELECT body FROM notes",
    };
    for (boolean hikari : new boolean[] {false, true}) {
      ChildJvm.Result r = run("com.acme.training.TrainerSqlMain", hikari, steps);
      for (int i = 1; i <= 5; i++) {
        assertTrue(r.step(i).startsWith("DENIED 42501 java.sql.SQLSyntaxErrorException: Cordon denied"),
            (hikari ? "hikari " : "") + steps[i - 1] + ": " + r);
      }
      assertEquals("OK rows=[body=hello]", r.step(6), r.toString());
    }
    assertEquals("5", SqlDb.one(url, user, password, "SELECT COUNT(*) FROM customers"));
    assertEquals("1", SqlDb.one(url, user, password, "SELECT COUNT(*) FROM notes"));
    assertEquals(0, Double.compare(37.75, Double.parseDouble(SqlDb.one(url, user, password, "SELECT SUM(total) FROM orders"))));
    List<JsonNode> blocked = s.audit().where(e -> "blocked".equals(e.path("outcome").asText()));
    assertEquals(10, blocked.size(), "once per statement, with or without the pool: " + s.audit());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  void masksAndRowLimitsApplyWithAndWithoutThePool(String driver) throws Exception {
    setUp(driver);
    String ann = JdbcH2Test.hmac("ann@example.com");
    for (boolean hikari : new boolean[] {false, true}) {
      // Every getter on the direct connection; through the pool, plain reads (HikariCP retires a
      // connection after a driver's "feature not supported", e.g. pgjdbc's getNString).
      ChildJvm.Result r = run("com.acme.data.AnalystSqlMain", hikari,
          (hikari ? "query" : "getters") + ":SELECT id, name, email AS e, card_number FROM customers WHERE id = 1",
          "prepared:SELECT c.email, o.total FROM customers c JOIN orders o ON o.customer_id = c.id WHERE o.id = 1",
          "count:SELECT * FROM customers");
      assertEquals(hikari ? "OK rows=[id=1|name=Ann|e=" + ann + "|card_number=************1111]"
          : "OK id=1|name=Ann|e=" + ann + "|card_number=************1111", r.step(1), (hikari ? "hikari: " : "") + r);
      assertTrue(r.step(2).startsWith("OK rows=[email=" + ann + "|total=10.5"), r.toString());
      assertEquals("OK count=2", r.step(3));
      assertFalse(r.stdout().contains("ann@example.com"));
    }
    List<JsonNode> reads = s.audit().withAction("dataset.read");
    assertEquals(6, reads.size(), s.audit().toString());
    assertEquals("redacted", reads.get(0).path("outcome").asText());
    assertTrue(reads.get(2).path("truncated").asBoolean(), reads.get(2).toString());
    assertEquals(2, reads.get(2).path("rows").asLong());
  }
}
