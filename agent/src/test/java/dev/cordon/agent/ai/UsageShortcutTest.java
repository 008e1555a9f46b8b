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
      "\\\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}"})
  void answersWhatTheFullScanAnswers(String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    assertEquals(UsageReader.scan(b, 0, b.length), UsageReader.find(b, 0, b.length), body);
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
