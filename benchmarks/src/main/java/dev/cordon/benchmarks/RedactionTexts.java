package dev.cordon.benchmarks;

import java.util.Random;

/** Benchmark inputs: English prose without PII, the same with an entity every ~100 bytes, and adversarial runs. */
final class RedactionTexts {
  private RedactionTexts() {}

  private static final String[] WORDS = ("the a to of and in is it you that for on with as this be are was have at or from "
      + "by not we can your an will our please help order customer account support issue thanks question answer "
      + "report update team service product release version review data model prompt system user message latest "
      + "Monday Tomorrow Could Would Please Hello The We I It This summary explain write analysis performance "
      + "migration database request response error timeout retry policy deploy staging production invoice").split(" ");
  private static final String[] PUNCT = {" ", " ", " ", " ", " ", " ", ", ", ". ", "? ", "\n", " 3 ", " 2024 ", " 15% "};

  static String clean(int bytes, long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder(bytes + 32);
    while (sb.length() < bytes) {
      sb.append(WORDS[r.nextInt(WORDS.length)]).append(PUNCT[r.nextInt(PUNCT.length)]);
    }
    sb.setLength(bytes);
    return sb.toString();
  }

  static final String[] ENTITIES = {"alice.smith@example.com", "+1 (415) 555-0100", "4111 1111 1111 1111",
      "DE89 3704 0044 0532 0130 00", "SSN 123-45-6789", "192.168.10.20", "sk-proj-abc123DEF456ghi789JKL012mno345",
      "AKIAIOSFODNN7EXAMPLE", "bob@corp.example.org", "2001:db8::8a2e:370:7334"};

  /** One entity per ~100 bytes. */
  static String dense(int bytes, long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder(bytes + 64);
    int k = 0;
    while (sb.length() < bytes) {
      int target = sb.length() + 100;
      sb.append(ENTITIES[k++ % ENTITIES.length]).append(' ');
      while (sb.length() < target) sb.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
    }
    sb.setLength(bytes);
    return sb.toString();
  }

  /** Long runs of what triggers detectors: "a@a@...", digits, dashes, "sk-sk-...". */
  static String adversarial(int bytes) {
    StringBuilder sb = new StringBuilder(bytes);
    int quarter = bytes / 4;
    while (sb.length() < quarter) sb.append("a@");
    while (sb.length() < 2 * quarter) sb.append('7');
    while (sb.length() < 3 * quarter) sb.append('-');
    while (sb.length() < bytes) sb.append("sk-");
    sb.setLength(bytes);
    return sb.toString();
  }
}
