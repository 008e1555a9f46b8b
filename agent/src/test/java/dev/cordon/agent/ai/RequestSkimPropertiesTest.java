package dev.cordon.agent.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RequestSkim} reads a body only when the streaming parser reads it the same way: on
 * generated request bodies (every member Cordon reads, duplicates, prompts of every JSON kind,
 * escapes, multi-byte text, odd numbers and whitespace) and on the same bodies damaged at random,
 * whenever the skim answers, the parser answers the same request and does not fail.
 */
class RequestSkimPropertiesTest {
  private static final String[] KEYS = {"model", "stream", "messages", "input", "system", "prompt", "contents",
      "max_tokens", "max_completion_tokens", "max_output_tokens", "max_gen_len", "temperature", "user", "n",
      "stream_options", "tools", "options", "generationConfig", "metadata", "x\\u0079", "modèle"};
  private static final String[] STRINGS = {"gpt-4o-mini", "", "a\\\"b", "line\\nbreak", "\\u00e9t\\u00e9", "été",
      "emoji 😀", "tab\\tx", "back\\\\slash", "slash\\/", "日本語", "model-7-x"};
  private static final String[] NUMBERS = {"0", "-0", "7", "256", "-12", "1.5", "2e3", "1E-2", "0.0",
      "123456789012345678", "1234567890123456789", "99999999999999999999", "-1.0e+2"};

  @Test
  void whateverTheSkimReadsTheParserReadsTheSame() throws IOException {
    Random random = new Random(7);
    int skimmed = 0;
    int damagedSkimmed = 0;
    for (int i = 0; i < 40_000; i++) {
      String body = body(random);
      skimmed += check(body.getBytes(StandardCharsets.UTF_8)) ? 1 : 0;
      byte[] damaged = damage(body.getBytes(StandardCharsets.UTF_8), random);
      damagedSkimmed += check(damaged) ? 1 : 0;
    }
    // The property is only worth something if the skim answers often, and not always.
    assertTrue(skimmed > 8_000 && skimmed < 36_000, "skimmed " + skimmed);
    assertTrue(damagedSkimmed > 500, "damaged and still skimmed " + damagedSkimmed);
  }

  /** True when the skim answered (and then agreed with the parser). */
  private static boolean check(byte[] body) {
    MessageDigest digest = sha256();
    WireRequest skim = RequestSkim.read(body, digest);
    if (skim == null) return false;
    WireRequest parsed;
    try {
      parsed = JsonWire.parseWithParser(body);
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("the skim read a body the parser refuses: " + new String(body, StandardCharsets.UTF_8), e);
    }
    assertEquals(parsed, skim, new String(body, StandardCharsets.UTF_8));
    return true;
  }

  @Test
  void aChatRequestIsSkimmedAndHashedAsTheParserHashesIt() throws IOException {
    byte[] body = ("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"max_completion_tokens\":64,\"stream\":false}").getBytes(StandardCharsets.UTF_8);
    WireRequest skim = RequestSkim.read(body, sha256());
    assertNotNull(skim);
    assertEquals(new WireRequest("gpt-4o-mini", 64, "max_completion_tokens", java.util.List.of(), false,
        skim.promptSha256()), skim);
    assertEquals(JsonWire.parseWithParser(body), skim);
  }

  @Test
  void toolsNestedCapsAndEscapedNamesAreLeftToTheParser() {
    for (String body : new String[] {
        "{\"model\":\"m\",\"tools\":[]}",
        "{\"generationConfig\":{\"maxOutputTokens\":5}}",
        "{\"mod\\u0065l\":\"m\"}",
        "{\"model\":\"a\\u0062\"}",
        "{\"model\":{\"model\":\"m\"}}",
        "{\"max_tokens\":1.5}",
        "\uFEFF{\"model\":\"m\"}",
        "{\"model\":\"m\",}",
        "[]"}) {
      assertNull(RequestSkim.read(body.getBytes(StandardCharsets.UTF_8), sha256()), body);
    }
  }

  /** A container where the model or stream flag belongs no longer hides the members after it from the parser. */
  @Test
  void theParserSkipsAContainerWhereAScalarBelongs() throws IOException {
    WireRequest r = JsonWire.parseWithParser(
        "{\"stream\":{\"a\":1},\"model\":[\"x\"],\"max_tokens\":5,\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals("m", r.model());
    assertEquals(5, r.outputCap());
  }

  private static String body(Random r) {
    StringBuilder b = new StringBuilder();
    b.append(ws(r)).append('{').append(ws(r));
    int members = r.nextInt(7);
    for (int m = 0; m < members; m++) {
      if (m > 0) b.append(ws(r)).append(',').append(ws(r));
      b.append('"').append(KEYS[r.nextInt(KEYS.length)]).append('"').append(ws(r)).append(':').append(ws(r));
      value(b, r, 0);
    }
    b.append(ws(r)).append('}');
    if (r.nextInt(10) == 0) b.append(" trailing");
    return b.toString();
  }

  private static void value(StringBuilder b, Random r, int depth) {
    int kind = r.nextInt(depth > 3 ? 5 : 7);
    switch (kind) {
      case 0, 1 -> b.append('"').append(STRINGS[r.nextInt(STRINGS.length)]).append('"');
      case 2 -> b.append(NUMBERS[r.nextInt(NUMBERS.length)]);
      case 3 -> b.append(r.nextBoolean() ? "true" : "false");
      case 4 -> b.append("null");
      case 5 -> {
        b.append('[').append(ws(r));
        int n = r.nextInt(4);
        for (int k = 0; k < n; k++) {
          if (k > 0) b.append(',').append(ws(r));
          value(b, r, depth + 1);
        }
        b.append(ws(r)).append(']');
      }
      default -> {
        b.append('{');
        int n = r.nextInt(4);
        for (int k = 0; k < n; k++) {
          if (k > 0) b.append(',');
          b.append(ws(r)).append('"').append(r.nextBoolean() ? "role" : "content").append("\":").append(ws(r));
          value(b, r, depth + 1);
        }
        b.append('}');
      }
    }
  }

  private static String ws(Random r) {
    return switch (r.nextInt(8)) {
      case 0 -> " ";
      case 1 -> "\n  ";
      case 2 -> "\t";
      case 3 -> "\r\n";
      default -> "";
    };
  }

  /** One to three random edits: a byte changed (often to JSON punctuation or a high byte), removed or inserted. */
  private static byte[] damage(byte[] in, Random r) {
    byte[] b = in;
    byte[] punct = "{}[]\",:\\ 0-.etu\u0001".getBytes(StandardCharsets.ISO_8859_1);
    for (int e = 1 + r.nextInt(3); e > 0 && b.length > 0; e--) {
      int at = r.nextInt(b.length);
      byte x = r.nextInt(4) == 0 ? (byte) (0x80 + r.nextInt(0x80)) : punct[r.nextInt(punct.length)];
      switch (r.nextInt(3)) {
        case 0 -> {
          b = b.clone();
          b[at] = x;
        }
        case 1 -> {
          byte[] c = new byte[b.length - 1];
          System.arraycopy(b, 0, c, 0, at);
          System.arraycopy(b, at + 1, c, at, b.length - at - 1);
          b = c;
        }
        default -> {
          byte[] c = new byte[b.length + 1];
          System.arraycopy(b, 0, c, 0, at);
          c[at] = x;
          System.arraycopy(b, at, c, at + 1, b.length - at);
          b = c;
        }
      }
    }
    return b;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
