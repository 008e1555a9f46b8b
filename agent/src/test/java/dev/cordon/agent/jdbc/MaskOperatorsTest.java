package dev.cordon.agent.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MaskOperatorsTest {
  private final MaskOperators ops = new MaskOperators("k1".getBytes(StandardCharsets.UTF_8));

  @Test
  void hashIsKeyedAndStable() {
    String a = ops.apply("HASH", "ann@example.com", "email", true);
    assertEquals(16, a.length());
    assertEquals(a, ops.apply("HASH", "ann@example.com", "email", true));
    assertNotEquals(a, new MaskOperators("k2".getBytes(StandardCharsets.UTF_8)).apply("HASH", "ann@example.com", "e", true));
  }

  @Test
  void last4RedactAndTag() {
    assertEquals("************1111", ops.apply("LAST4", "4111111111111111", "card", true));
    assertEquals("****", ops.apply("LAST4", "1234", "card", true));
    assertEquals("***", ops.apply("REDACT", "Ann", "name", true));
    assertNull(ops.apply("REDACT", "5000", "salary", false));
    assertEquals("<CARD_NUMBER>", ops.apply("TAG", "4111", "card_number", true));
  }
}
