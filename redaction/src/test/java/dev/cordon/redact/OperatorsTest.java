package dev.cordon.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorsTest {
  static final List<String> TYPES = List.of("EMAIL", "CREDIT_CARD", "PHONE");
  static final String TEXT = "alice@example.com paid with 4111 1111 1111 1111, then bob@example.org; alice@example.com again";

  @Test
  void tag() {
    Redactor r = Redactor.builder().build();
    Counts c = r.newCounts();
    assertEquals("<EMAIL> paid with <CREDIT_CARD>, then <EMAIL>; <EMAIL> again", r.redact(TEXT, r.types(TYPES), c, null));
    assertEquals(java.util.Map.of("EMAIL", 3L, "CREDIT_CARD", 1L), c.toMap());
  }

  @Test
  void maskKeepsShapeAndLastCharacters() {
    Redactor r = Redactor.builder().operator(Operator.MASK).build();
    assertEquals("a***@***.com paid with **** **** **** 1111, then b***@***.org; a***@***.com again",
        r.redact(TEXT, r.types(TYPES), null, null));
  }

  @Test
  void hashIsKeyedAndStableAndTellsPeopleApart() {
    byte[] key = new byte[32];
    key[0] = 1;
    Redactor r = Redactor.builder().operator(Operator.HASH).hashKey(key).build();
    String out = r.redact(TEXT, r.types(TYPES), null, null);
    assertTrue(out.matches("<EMAIL:[0-9a-f]{8}> paid with <CREDIT_CARD:[0-9a-f]{8}>, then <EMAIL:[0-9a-f]{8}>; <EMAIL:[0-9a-f]{8}> again"), out);
    String[] words = out.split(" ");
    assertEquals(words[0], words[6], "the same person, the same hash");
    assertNotEquals(words[0], words[5].replace(";", ""), "two people, two hashes");
    assertEquals(out, Redactor.builder().operator(Operator.HASH).hashKey(key).build().redact(TEXT, r.types(TYPES), null, null),
        "same key, same hashes (a restart)");
    key[0] = 2;
    assertNotEquals(out, Redactor.builder().operator(Operator.HASH).hashKey(key).build().redact(TEXT, r.types(TYPES), null, null),
        "another key, other hashes");
    assertEquals(r.redact("ALICE@example.com", r.types(TYPES), null, null), r.redact("alice@example.com", r.types(TYPES), null, null));
    assertThrows(IllegalArgumentException.class, () -> Redactor.builder().operator(Operator.HASH).build());
  }

  @Test
  void pseudonymsAreNumberedPerCallAndRestored() {
    Redactor r = Redactor.builder().operator(Operator.PSEUDONYMIZE).build();
    Vault v = new Vault();
    String out = r.redact(TEXT, r.types(TYPES), null, v);
    assertEquals("<EMAIL_1> paid with <CREDIT_CARD_1>, then <EMAIL_2>; <EMAIL_1> again", out);
    assertEquals(TEXT, v.restore(out));
    assertEquals("Hi <EMAIL_9>", v.restore("Hi <EMAIL_9>"), "unknown tokens are left alone");
    assertEquals("<EMAIL_1>", r.redact("carol@example.net", r.types(TYPES), null, new Vault()), "a new call starts again");
  }

  @Test
  void allowListKeepsValuesAndPatterns() {
    Redactor r = Redactor.builder().allowValue("Support@Acme.com").allowValue("4242 4242 4242 4242")
        .allowPattern("[a-z]+@example\\.org").build();
    assertEquals("support@acme.com 4242424242424242 bob@example.org <EMAIL>",
        r.redact("support@acme.com 4242424242424242 bob@example.org eve@example.com", r.types(TYPES), null, null));
  }

  @Test
  void customPatternsAndTerms() {
    Redactor r = Redactor.builder().pattern("EMPLOYEE_ID", "EMP-[0-9]{6}")
        .terms("PROJECT_NAME", List.of("Bluebird", "Nightjar", "Blue")).build();
    assertEquals("<EMPLOYEE_ID> works on <PROJECT_NAME> and <PROJECT_NAME>, not Nightjars or EMP-12",
        r.redact("EMP-123456 works on bluebird and NIGHTJAR, not Nightjars or EMP-12", r.types(List.of("EMPLOYEE_ID", "PROJECT_NAME")), null, null));
    assertEquals("EMP-123456 works on <PROJECT_NAME>", r.redact("EMP-123456 works on Bluebird", r.types(List.of("PROJECT_NAME")), null, null));
    assertThrows(IllegalArgumentException.class, () -> r.types(List.of("NOPE")));
  }

  @Test
  void thousandsOfTermsInOnePass() {
    List<String> terms = new java.util.ArrayList<>();
    for (int i = 0; i < 5000; i++) terms.add("codename" + i);
    Redactor r = Redactor.builder().terms("CODENAME", terms).build();
    assertEquals("see <CODENAME> and <CODENAME> but not codename50000x",
        r.redact("see codename42 and Codename4999 but not codename50000x", r.types(List.of("CODENAME")), null, null));
  }

  @Test
  void nonLinearPatternsAreRefusedWithAReason() {
    assertNull(SafePattern.check("EMP-[0-9]{6}"));
    for (String bad : List.of("(a)\\1", "foo(?=bar)", "(?<!x)y", "a++", "(?>ab)")) {
      String why = SafePattern.check(bad);
      assertNotNull(why, bad);
      assertTrue(why.contains("linear time"), bad + ": " + why);
    }
    assertTrue(SafePattern.check("a*").contains("empty string"));
    assertTrue(SafePattern.check("([a-z]").startsWith("malformed"));
  }

  @Test
  void keyFileIsCreatedOwnerOnlyAndReused(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("cordon-redaction.key");
    byte[] k1 = HashKey.loadOrCreate(f);
    assertEquals(32, k1.length);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    assertTrue(java.util.Arrays.equals(k1, HashKey.loadOrCreate(f)));
  }
}
