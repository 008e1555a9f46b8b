package dev.cordon.agent.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SqlLiteralsTest {
  @Test
  void literalsBecomeQuestionMarksAndIdentifiersStay() {
    assertEquals("SELECT \"Email\", t1.x FROM t1 WHERE name = ? AND id > ? AND f = ? AND h = ?",
        SqlLiterals.scrub("SELECT \"Email\", t1.x FROM t1 WHERE name = 'O''Brien' AND id > 42.5e3 AND f = E'a\\'b' "
            + "AND h = X'FF'"));
    assertEquals("SELECT ? FROM t WHERE a = ?", SqlLiterals.scrub("SELECT $$secret$$ FROM t WHERE a = $tag$x$tag$"));
    assertEquals("SELECT * FROM t WHERE id = $1 AND x = ?", SqlLiterals.scrub("SELECT * FROM t WHERE id = $1 AND x = ?"));
    assertEquals("SELECT a FROM t WHERE b = ?", SqlLiterals.scrub("SELECT a -- 'secret'\n FROM t /* 'x' */ WHERE b = 7"));
  }

  @Test
  void unterminatedAndHugeInputsStayBoundedAndLeakNothing() {
    assertEquals("SELECT ?", SqlLiterals.scrub("SELECT 'never closed secret"));
    String huge = SqlLiterals.scrub("SELECT " + "a, ".repeat(10_000) + "'secret'");
    assertTrue(huge.length() <= SqlLiterals.MAX_LENGTH + 2, String.valueOf(huge.length()));
    assertTrue(huge.endsWith("…"));
  }
}
