package dev.cordon.agent.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link UsageReader#find} reads the last usage object by bytes when it can; whatever the body, it
 * must answer exactly what tokenising the whole document answers. (The one liberty it takes: a
 * fragment that is not a document at all, {@code "usage":{...}}, still yields its counts.)
 */
class UsageShortcutTest {
  @ParameterizedTest
  @ValueSource(strings = {
      // OpenAI chat: usage last.
      "{\"id\":\"c1\",\"choices\":[{\"message\":{\"content\":\"hi\"}}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":12,\"total_tokens\":21}}",
      // Pretty-printed, spaces around the colon.
      "{\n  \"usage\" : {\n    \"prompt_tokens\" : 3,\n    \"completion_tokens\" : 4\n  }\n}",
      // Responses API: usage nested in response, an earlier partial one.
      "{\"response\":{\"usage\":{\"input_tokens\":1}},\"usage\":{\"input_tokens\":7,\"output_tokens\":8}}",
      // The last usage object lacks a count: the full scan must merge it with the earlier one.
      "{\"a\":{\"usage\":{\"input_tokens\":25,\"output_tokens\":1}},\"b\":{\"usage\":{\"output_tokens\":15}}}",
      // A message that talks about usage, with escaped quotes: not a key.
      "{\"choices\":[{\"message\":{\"content\":\"say \\\"usage\\\": {\\\"prompt_tokens\\\": 999}\"}}],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":3}}",
      "{\"choices\":[{\"message\":{\"content\":\"the \\\"usage\\\": {\\\"prompt_tokens\\\": 1, \\\"completion_tokens\\\": 1}\"}}]}",
      // usage as a string value, not a key.
      "{\"type\":\"usage\",\"usage\":{\"input_tokens\":4,\"output_tokens\":5}}",
      "{\"x\":\"usage\"}",
      // Gemini.
      "{\"candidates\":[],\"usageMetadata\":{\"promptTokenCount\":5,\"candidatesTokenCount\":7}}",
      // Ollama native counts, no usage object.
      "{\"done\":true,\"prompt_eval_count\":26,\"eval_count\":298}",
      // Truncated and malformed bodies.
      "{\"usage\":{\"prompt_tokens\":2,\"completion_tok",
      "{\"usage\":[1,2]}",
      "",
      "\\\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}",
      // OpenAI's detail objects inside usage, read past by the byte reader.
      "{\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":10,\"total_tokens\":29,\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"accepted_prediction_tokens\":0}},\"service_tier\":\"default\"}",
      // Values the byte reader leaves to the full scan: fractions, exponents, leading zeros, escapes, bad literals.
      "{\"usage\":{\"prompt_tokens\":2.5,\"completion_tokens\":3}}",
      "{\"usage\":{\"prompt_tokens\":2e1,\"completion_tokens\":3}}",
      "{\"usage\":{\"prompt_tokens\":02,\"completion_tokens\":3}}",
      "{\"usage\":{\"prompt_\\u0074okens\":2,\"completion_tokens\":3}}",
      "{\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":3,\"x\":tru}}",
      "{\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":3,\"x\":\"a\\qb\"}}",
      "{\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":3,\"x\":[1,]}}",
      "{\"usage\":{\"prompt_tokens\":-2,\"completion_tokens\":3}}",
      "{\"usage\":{\"prompt_tokens\":99999999999999999999,\"completion_tokens\":3}}",
      "{\"usage\":{\"prompt_tokens\":2,\"prompt_tokens\":4,\"completion_tokens\":3}}"})
  void answersWhatTheFullScanAnswers(String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    assertEquals(UsageReader.scan(b, 0, b.length), UsageReader.find(b, 0, b.length), body);
  }

  /**
   * The property over many generated answers: usage objects with every provider's count names,
   * numbers in every JSON form, nested detail objects and arrays, strings with escapes, random
   * whitespace, and the same documents broken (cut short, a byte changed from the usage key on) so
   * that the byte reader meets what a parser would refuse. Whatever it answers must be what the full scan answers.
   */
  @org.junit.jupiter.api.Test
  void generatedAnswersGetWhatTheFullScanAnswers() {
    java.util.Random rnd = new java.util.Random(20261206L);
    for (int n = 0; n < 20_000; n++) {
      String doc = "{\"id\":\"x\"," + ws(rnd) + "\"" + (rnd.nextInt(5) == 0 ? "usageMetadata" : "usage") + "\"" + ws(rnd) + ":"
          + ws(rnd) + usageObject(rnd) + ws(rnd) + (rnd.nextBoolean() ? ",\"tail\":" + value(rnd, 0) : "") + "}";
      check(doc);
      byte[] b = doc.getBytes(StandardCharsets.UTF_8);
      check(new String(b, 0, rnd.nextInt(b.length + 1), StandardCharsets.ISO_8859_1));
      // Changed from the usage key on: a document broken before it is the liberty the shortcut takes.
      int key = doc.indexOf("\"usage");
      byte[] changed = b.clone();
      changed[key + rnd.nextInt(changed.length - key)] = (byte) MUTATIONS.charAt(rnd.nextInt(MUTATIONS.length()));
      check(new String(changed, StandardCharsets.ISO_8859_1));
    }
  }

  /** Bytes a changed document gets: JSON's punctuation, digits, number and literal letters, a raw control and a Latin-1 byte. */
  private static final String MUTATIONS = "{}[]\":,\\ 0123456789-.eE+tfnu\u00e9\n\u0001";

  private static void check(String doc) {
    byte[] b = doc.getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(UsageReader.scan(b, 0, b.length), UsageReader.find(b, 0, b.length), doc);
  }

  private static final String[] COUNT_NAMES = {"prompt_tokens", "completion_tokens", "input_tokens", "output_tokens",
      "promptTokenCount", "candidatesTokenCount", "inputTokens", "outputTokens", "total_tokens", "cached_tokens"};

  private static String usageObject(java.util.Random rnd) {
    StringBuilder sb = new StringBuilder("{");
    int members = rnd.nextInt(6);
    for (int i = 0; i < members; i++) {
      if (i > 0) sb.append(',');
      sb.append(ws(rnd)).append('"').append(COUNT_NAMES[rnd.nextInt(COUNT_NAMES.length)]).append('"').append(ws(rnd))
          .append(':').append(ws(rnd)).append(rnd.nextInt(4) == 0 ? value(rnd, 0) : number(rnd)).append(ws(rnd));
    }
    return sb.append('}').toString();
  }

  private static String value(java.util.Random rnd, int depth) {
    switch (rnd.nextInt(depth > 3 ? 4 : 6)) {
      case 0:
        return number(rnd);
      case 1:
        return string(rnd);
      case 2:
        return new String[] {"true", "false", "null"}[rnd.nextInt(3)];
      case 3:
        return "\"" + "usage".substring(0, rnd.nextInt(6)) + "\"";
      case 4: {
        StringBuilder sb = new StringBuilder("{");
        for (int i = rnd.nextInt(3); i > 0; i--) {
          sb.append(string(rnd)).append(ws(rnd)).append(':').append(ws(rnd)).append(value(rnd, depth + 1));
          if (i > 1) sb.append(',');
        }
        return sb.append('}').toString();
      }
      default: {
        StringBuilder sb = new StringBuilder("[");
        for (int i = rnd.nextInt(3); i > 0; i--) {
          sb.append(ws(rnd)).append(value(rnd, depth + 1));
          if (i > 1) sb.append(',');
        }
        return sb.append(']').toString();
      }
    }
  }

  private static String number(java.util.Random rnd) {
    String[] forms = {"0", "7", "42", "-3", "1234567", "2.5", "1e3", "-0", "0.0", "12E-1", "123456789012345678",
        "1234567890123456789", "99999999999999999999"};
    return rnd.nextInt(3) == 0 ? forms[rnd.nextInt(forms.length)] : Integer.toString(rnd.nextInt(100_000));
  }

  private static String string(java.util.Random rnd) {
    String[] parts = {"a", "usage", "\\\"", "\\\\", "\\n", "\\u00e9", "\\/", " ", ":", "{", "}", "[", ","};
    StringBuilder sb = new StringBuilder("\"");
    for (int i = rnd.nextInt(5); i > 0; i--) sb.append(parts[rnd.nextInt(parts.length)]);
    return sb.append('"').toString();
  }

  private static String ws(java.util.Random rnd) {
    return new String[] {"", "", "", " ", "\n  ", "\t"}[rnd.nextInt(6)];
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 17})
  void respectsTheSliceItIsGiven(int pad) {
    String doc = "{\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":3}}";
    byte[] b = ("x".repeat(pad) + doc + "{\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":60}}")
        .getBytes(StandardCharsets.UTF_8);
    assertEquals(new Usage(2, 3), UsageReader.find(b, pad, doc.length()));
  }
}
