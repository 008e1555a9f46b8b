package dev.cordon.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** However a text is cut into pieces, the stream releases exactly what redacting it whole gives. */
class StreamingPropertiesTest {
  static final Redactor R = Redactor.builder().pattern("EMPLOYEE_ID", "EMP-[0-9]{6}")
      .terms("PROJECT", List.of("Bluebird", "Nightjar")).build();
  static final TypeSet ALL = R.types(R.typeNames());

  static final List<String> PIECES = List.of("alice@example.com", "+1 (415) 555-0100", "4111 1111 1111 1111",
      "DE89 3704 0044 0532 0130 00", "SSN 123-45-6789", "192.168.1.20", "2001:db8::7334",
      "sk-proj-abc123DEF456ghi789JKL012mno345", "AKIAIOSFODNN7EXAMPLE",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
      "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----",
      "EMP-123456", "Nightjar", "z\u200Bw", "order 1234", "the quick brown fox", "\n", " ", ", ", "é漢字",
      "12345", "a@", "-----", "sk-", "ssn");

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.of(PIECES).list().ofMaxSize(30).map(l -> String.join(" ", l));
  }

  @Provide
  Arbitrary<List<Integer>> cuts() {
    return Arbitraries.integers().between(1, 40).list().ofMaxSize(200);
  }

  @Property(tries = 400)
  void anySplitGivesTheWholeResult(@ForAll("texts") String text, @ForAll("cuts") List<Integer> sizes) {
    Counts whole = R.newCounts();
    String expected = R.redact(text, ALL, whole, null);
    Counts streamed = R.newCounts();
    StreamRedactor s = R.stream(ALL, streamed, null);
    StringBuilder out = new StringBuilder();
    int i = 0;
    int k = 0;
    while (i < text.length()) {
      int n = sizes.isEmpty() ? text.length() : sizes.get(k++ % sizes.size());
      int e = Math.min(text.length(), i + n);
      out.append(s.push(text.substring(i, e)));
      assertTrue(s.held() <= 64 + 4096 + 40 + SecretRules.MAX_PEM, "hold-back stays bounded");
      i = e;
    }
    out.append(s.finish());
    assertEquals(expected, out.toString());
    assertEquals(whole.toMap(), streamed.toMap());
  }

  @Property(tries = 200)
  void restoringPseudonymsGivesTheOriginalBack(@ForAll("texts") String text, @ForAll("cuts") List<Integer> sizes) {
    Redactor p = Redactor.builder().operator(Operator.PSEUDONYMIZE).build();
    TypeSet all = p.types(List.of("EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS", "SECRET"));
    Vault v = new Vault();
    String redacted = p.redact(text, all, null, v);
    StreamRestorer r = new StreamRestorer(v);
    StringBuilder out = new StringBuilder();
    int i = 0;
    int k = 0;
    while (i < redacted.length()) {
      int n = sizes.isEmpty() ? redacted.length() : sizes.get(k++ % sizes.size());
      int e = Math.min(redacted.length(), i + n);
      out.append(r.push(redacted.substring(i, e)));
      i = e;
    }
    out.append(r.finish());
    assertEquals(text, out.toString());
  }

  @Property(tries = 300)
  void redactedTextHoldsNoneOfTheValues(@ForAll("texts") String text) {
    String out = R.redact(text, ALL, null, null);
    for (String secret : List.of("alice@example.com", "555-0100", "4111 1111", "123-45-6789", "AKIAIOSFODNN7EXAMPLE",
        "EMP-123456", "Nightjar", "\u200B", "MIIEvQIB")) {
      assertTrue(!out.contains(secret), () -> secret + " survived in " + out);
    }
  }

  @Property(tries = 200)
  void arbitraryTextNeverBreaksTheEngine(@ForAll String text) {
    String out = R.redact(text, ALL, null, null);
    StreamRedactor s = R.stream(ALL, null, null);
    String streamed = s.push(text) + s.finish();
    assertEquals(out, streamed);
  }
}
