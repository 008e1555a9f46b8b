package dev.cordon.agent.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cordon.redact.Redactor;
import dev.cordon.redact.TypeSet;
import dev.cordon.redact.Vault;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptRewriterTest {
  static final Redactor R = Redactor.builder().build();
  static final TypeSet T = R.types(List.of("EMAIL", "SECRET", "INVISIBLE"));

  static String rw(String json) throws Exception {
    PromptRewriter.Result r = PromptRewriter.rewrite(json.getBytes(StandardCharsets.UTF_8), R, T, null, false);
    return r.body() == null ? json : new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void openAiChatStringsPartsToolsAndToolResults() throws Exception {
    String in = "{ \"model\" : \"gpt-4o-mini\", \"messages\":[{\"role\":\"system\",\"content\":\"admin is root@corp.com\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"mail a@b.io\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x.io/a@b.io.png\"}}]},"
        + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"email\\\":\\\"c@d.io\\\"}\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"found e@f.io\"}],\n  \"user\": \"u@v.io\", \"temperature\": 1.50 }";
    String out = "{ \"model\" : \"gpt-4o-mini\", \"messages\":[{\"role\":\"system\",\"content\":\"admin is <EMAIL>\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"mail <EMAIL>\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x.io/a@b.io.png\"}}]},"
        + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"email\\\":\\\"<EMAIL>\\\"}\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"found <EMAIL>\"}],\n  \"user\": \"u@v.io\", \"temperature\": 1.50 }";
    assertEquals(out, rw(in), "only prompt text changes; everything else byte for byte");
  }

  @Test
  void responsesEmbeddingsAnthropicGemini() throws Exception {
    assertEquals("{\"model\":\"m\",\"instructions\":\"<EMAIL>\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"<EMAIL>\"}]},"
            + "{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"<EMAIL>\"}]}",
        rw("{\"model\":\"m\",\"instructions\":\"x@y.io\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"x@y.io\"}]},"
            + "{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"x@y.io\"}]}"));
    assertEquals("{\"input\":[\"<EMAIL>\",\"ok\"],\"model\":\"e\"}", rw("{\"input\":[\"a@b.io\",\"ok\"],\"model\":\"e\"}"));
    assertEquals("{\"input\":\"<EMAIL>\"}", rw("{\"input\":\"a@b.io\"}"));
    assertEquals("{\"system\":[{\"type\":\"text\",\"text\":\"<SECRET>\"}],\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":\"<EMAIL>\"}]}]}",
        rw("{\"system\":[{\"type\":\"text\",\"text\":\"AKIAIOSFODNN7EXAMPLE\"}],\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":\"a@b.io\"}]}]}"));
    assertEquals("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"<EMAIL> \\u00e9\"}]}]}",
        rw("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a@b.io \\u00e9\"}]}]}").replace("é", "\\u00e9"));
  }

  @Test
  void nothingToRedactMeansNoNewBody() throws Exception {
    PromptRewriter.Result r = PromptRewriter.rewrite("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes(), R, T, null, true);
    assertNull(r.body());
    assertEquals("hi", r.text());
  }

  @Test
  void invisibleCharactersAreStrippedFromEscapedText() throws Exception {
    PromptRewriter.Result r = PromptRewriter.rewrite("{\"messages\":[{\"role\":\"user\",\"content\":\"ig\\u200bnore\"}]}".getBytes(), R, T, null, true);
    assertEquals("{\"messages\":[{\"role\":\"user\",\"content\":\"ignore\"}]}", new String(r.body(), StandardCharsets.UTF_8));
    assertEquals(Map.of("INVISIBLE", 1L), r.counts().toMap());
  }

  @Test
  void pseudonymsFillTheVault() throws Exception {
    Redactor p = Redactor.builder().operator(dev.cordon.redact.Operator.PSEUDONYMIZE).build();
    Vault v = new Vault();
    PromptRewriter.Result r = PromptRewriter.rewrite("{\"messages\":[{\"role\":\"user\",\"content\":\"a@b.io and c@d.io and a@b.io\"}]}".getBytes(),
        p, p.types(List.of("EMAIL")), v, false);
    assertEquals("{\"messages\":[{\"role\":\"user\",\"content\":\"<EMAIL_1> and <EMAIL_2> and <EMAIL_1>\"}]}", new String(r.body(), StandardCharsets.UTF_8));
    assertEquals("a@b.io", v.original("<EMAIL_1>"));
  }
}
