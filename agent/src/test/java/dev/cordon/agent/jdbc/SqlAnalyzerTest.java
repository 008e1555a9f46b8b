package dev.cordon.agent.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlAnalyzerTest {
  private final SqlAnalyzer analyzer = new SqlAnalyzer();

  private SqlFacts facts(String sql) {
    return analyzer.analyze(sql);
  }

  @Test
  void selectsReadEveryTableOfJoinsSubqueriesAndCtesButNotTheCteNames() {
    assertEquals(List.of("public.customers", "\"Orders\""),
        facts("SELECT c.email FROM public.customers c JOIN \"Orders\" o ON o.cid = c.id").reads());
    assertEquals(List.of("customers"), facts("WITH x AS (SELECT email FROM customers) SELECT * FROM x").reads());
    assertTrue(facts("SELECT * FROM notes WHERE id IN (SELECT id FROM customers)").reads().contains("customers"));
    assertTrue(facts("SELECT 1").reads().isEmpty());
    assertTrue(facts("SELECT 1").determined());
  }

  @Test
  void writesAreSortedFromTheTablesTheyRead() {
    SqlFacts insert = facts("INSERT INTO training.corpus (t) SELECT email FROM customers");
    assertEquals(List.of("training.corpus"), insert.writes());
    assertEquals(List.of("customers"), insert.reads());
    SqlFacts merge = facts("MERGE INTO tgt t USING src s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET t.v = s.v");
    assertEquals(List.of("tgt"), merge.writes());
    assertEquals(List.of("src"), merge.reads());
    SqlFacts update = facts("UPDATE customers SET email = 'x' WHERE id IN (SELECT cid FROM orders)");
    assertEquals(List.of("customers"), update.writes());
    assertEquals(List.of("orders"), update.reads());
    assertEquals(List.of("newtab"), facts("SELECT * INTO newtab FROM customers").writes());
    for (String ddl : List.of("TRUNCATE TABLE customers", "DROP TABLE customers", "ALTER TABLE customers ADD x INT",
        "CREATE INDEX i ON customers (email)", "DELETE FROM customers WHERE id = 1")) {
      assertEquals(List.of("customers"), facts(ddl).writes(), ddl);
    }
    assertEquals(List.of("customers"), facts("CREATE VIEW v AS SELECT * FROM customers").reads());
  }

  @Test
  void everyStatementOfAMultiStatementStringCounts() {
    SqlFacts f = facts("SELECT * FROM notes; DROP TABLE orders");
    assertEquals(List.of("notes"), f.reads());
    assertEquals(List.of("orders"), f.writes());
  }

  @Test
  void whatCannotBeTiedToTablesIsUndeterminedAndSaysWhyWithoutQuotingTheStatement() {
    for (String sql : List.of("CALL proc(1)", "SELEKT * FROM t WHERE x = 'secret'", "DROP SCHEMA prod CASCADE",
        "COPY customers TO STDOUT", "GRANT SELECT ON customers TO bob", "VACUUM INTO '/tmp/x.db'")) {
      SqlFacts f = facts(sql);
      assertFalse(f.determined(), sql);
      assertFalse(f.why().contains("secret"), f.why());
    }
  }

  @Test
  void sessionStatementsTouchNoTable() {
    for (String sql : List.of("pragma busy_timeout=3000", "SET search_path TO prod", "BEGIN", "COMMIT",
        "SET TIME ZONE 'UTC'", "SHOW server_version")) {
      SqlFacts f = facts(sql);
      assertTrue(f.determined(), sql);
      assertTrue(f.tables().isEmpty(), sql);
    }
    SqlFacts set = facts("SET @x = (SELECT email FROM customers LIMIT 1)");
    assertTrue(!set.determined() || set.reads().contains("customers"), "a subquery in SET is a read: " + set);
    assertFalse(facts("PRAGMA writable_schema = 1").determined());
  }

  @Test
  void lineageFollowsAliasesExpressionsDerivedTablesAndUnions() {
    SelectLineage l = facts("SELECT email AS e, upper(c.name) AS u, count(email) AS n FROM customers c").lineage();
    assertEquals(List.of("e", "u", "n"), l.outputs().stream().map(SelectLineage.Output::label).toList());
    assertTrue(l.outputs().get(0).sources().contains(new SelectLineage.Source("customers", "email")));
    assertTrue(l.outputs().get(1).sources().contains(new SelectLineage.Source("customers", "name")));
    assertTrue(l.outputs().get(2).sources().isEmpty(), "COUNT reveals no value");

    SelectLineage derived = facts("SELECT t.m FROM (SELECT email AS m FROM customers) t").lineage();
    assertEquals(java.util.Set.of(new SelectLineage.Source("customers", "email")), derived.outputs().get(0).sources());
    SelectLineage cte = facts("WITH x(k) AS (SELECT email FROM customers) SELECT k FROM x").lineage();
    assertEquals(java.util.Set.of(new SelectLineage.Source("customers", "email")), cte.outputs().get(0).sources());
    SelectLineage union = facts("SELECT name FROM customers UNION SELECT body FROM notes").lineage();
    assertEquals(2, union.outputs().get(0).sources().size());
    assertTrue(facts("SELECT * FROM customers").lineage().hasStar());
  }

  @Test
  void masksMatchByTableAndColumnAndPickTheStrictest() {
    MaskRules rules = MaskRules.of(java.util.Map.of("customers.email", "HASH", "card_number", "LAST4",
        "public.customers.name", "TAG"));
    assertEquals("HASH", rules.opFor(List.of(new SelectLineage.Source("customers", "email"))));
    assertEquals("HASH", rules.opFor(List.of(new SelectLineage.Source("PUBLIC.CUSTOMERS", "EMAIL"))));
    assertNull(rules.opFor(List.of(new SelectLineage.Source("leads", "email"))));
    assertEquals("LAST4", rules.opFor(List.of(new SelectLineage.Source("anything", "card_number"))));
    assertEquals("TAG", rules.opFor(List.of(new SelectLineage.Source("customers", "name"))));
    assertNull(rules.opFor(List.of(new SelectLineage.Source("other.customers", "name"))));
    assertEquals("HASH", rules.opFor(List.of(new SelectLineage.Source(null, "email"))), "unknown table: mask");
    assertEquals("TAG", rules.opFor(List.of(new SelectLineage.Source("customers", "name"),
        new SelectLineage.Source("customers", "email"))));
  }
}
