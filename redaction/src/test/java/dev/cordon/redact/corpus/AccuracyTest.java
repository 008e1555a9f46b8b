package dev.cordon.redact.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bar: >= 0.99 precision and >= 0.98 recall for the checksum-validated and secret types. */
class AccuracyTest {
  @Test
  void checksumAndSecretTypesMeetTheBar() {
    List<Corpus.Sample> corpus = Corpus.generate(20240601L, 6000);
    assertTrue(corpus.size() >= 5000);
    Accuracy a = Accuracy.measure(corpus);
    System.out.print(a.table());
    for (String t : List.of("CREDIT_CARD", "IBAN", "SECRET")) {
      Accuracy.Score s = a.byType.get(t);
      assertTrue(s.tp() > 200, t + " is exercised: " + s);
      assertTrue(s.precision() >= 0.99, t + " precision " + s.precision() + "\n" + a.table() + String.join("\n", a.mistakes));
      assertTrue(s.recall() >= 0.98, t + " recall " + s.recall() + "\n" + a.table() + String.join("\n", a.mistakes));
    }
    // The other types are held to a lower but still high bar, so a regression shows.
    for (String t : List.of("EMAIL", "PHONE", "US_SSN", "IP_ADDRESS", "INVISIBLE")) {
      Accuracy.Score s = a.byType.get(t);
      assertTrue(s.precision() >= 0.97 && s.recall() >= 0.95, t + " " + s + "\n" + a.table() + String.join("\n", a.mistakes));
    }
  }

  @Test
  void anotherSeedToo() {
    Accuracy a = Accuracy.measure(Corpus.generate(7L, 5000));
    for (String t : List.of("CREDIT_CARD", "IBAN", "SECRET")) {
      assertTrue(a.byType.get(t).precision() >= 0.99 && a.byType.get(t).recall() >= 0.98, t + "\n" + a.table());
    }
  }
}
