package dev.cordon.agent.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Cordon reads from each provider's request and response formats, and where it sets a cap. */
class ProviderFormatsTest {
  static WireRequest parse(String json) throws Exception {
    return JsonWire.parseRequest(json.getBytes(StandardCharsets.UTF_8));
  }

  static Usage usage(String json) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return UsageReader.find(b, 0, b.length);
  }

  @Test
  void anthropicMessages() throws Exception {
    WireRequest r = parse("{\"model\":\"claude-haiku-4-5\",\"max_tokens\":300,\"system\":\"be brief\","
        + "\"tools\":[{\"name\":\"lookup_order\",\"input_schema\":{\"type\":\"object\"}}],\"messages\":[],\"stream\":true}");
    assertEquals("claude-haiku-4-5", r.model());
    assertEquals(300, r.outputCap());
    assertEquals("max_tokens", r.capField());
    assertEquals(List.of("lookup_order"), r.tools());
    assertTrue(r.stream());
    assertTrue(r.promptSha256() != null);
    // Streamed usage: input tokens at message_start, the final output count at message_delta.
    Usage start = usage("{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}");
    Usage delta = usage("{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":15}}");
    assertEquals(new Usage(25, 15), UsageReader.merge(start, delta));
  }

  @Test
  void gemini() throws Exception {
    WireRequest r = parse("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],"
        + "\"systemInstruction\":{\"parts\":[{\"text\":\"x\"}]},\"generationConfig\":{\"temperature\":0.2,\"maxOutputTokens\":512},"
        + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"a\"},{\"name\":\"b\"}]},{\"googleSearch\":{}}]}");
    assertNull(r.model(), "Gemini names the model in the path");
    assertEquals(512, r.outputCap());
    assertEquals("generationConfig.maxOutputTokens", r.capField());
    assertEquals(List.of("a", "b", "googleSearch"), r.tools());
    assertEquals(new Usage(5, 7), usage("{\"candidates\":[],\"usageMetadata\":{\"promptTokenCount\":5,"
        + "\"candidatesTokenCount\":7,\"totalTokenCount\":12}}"));
    assertEquals("gemini-2.0-flash", UrlTarget.of("http://h/v1beta/models/gemini-2.0-flash:streamGenerateContent", "POST").modelFromPath());
  }

  @Test
  void bedrockConverse() throws Exception {
    WireRequest r = parse("{\"messages\":[],\"inferenceConfig\":{\"maxTokens\":200},"
        + "\"toolConfig\":{\"tools\":[{\"toolSpec\":{\"name\":\"lookup_order\",\"inputSchema\":{\"json\":{}}}}]}}");
    assertEquals(200, r.outputCap());
    assertEquals(List.of("lookup_order"), r.tools());
    assertEquals(new Usage(10, 20), usage("{\"output\":{},\"usage\":{\"inputTokens\":10,\"outputTokens\":20,\"totalTokens\":30}}"));
    assertEquals("anthropic.claude-3-haiku-20240307-v1:0",
        UrlTarget.of("http://h/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", "POST").modelFromPath());
  }

  @Test
  void ollama() throws Exception {
    WireRequest r = parse("{\"model\":\"llama3.2\",\"messages\":[],\"options\":{\"num_predict\":64},\"stream\":false}");
    assertEquals(64, r.outputCap());
    assertEquals(new Usage(26, 298), usage("{\"model\":\"llama3.2\",\"done\":true,\"prompt_eval_count\":26,\"eval_count\":298}"));
  }

  @Test
  void nestedCapIsSetInsideTheExistingObjectOrAddedWithIt() throws Exception {
    String inside = new String(JsonWire.withNestedCap("{\"contents\":[],\"generationConfig\":{\"temperature\":1}}"
        .getBytes(StandardCharsets.UTF_8), "generationConfig", "maxOutputTokens", 100), StandardCharsets.UTF_8);
    assertEquals("{\"contents\":[],\"generationConfig\":{\"maxOutputTokens\":100,\"temperature\":1}}", inside);
    String added = new String(JsonWire.withNestedCap("{\"contents\":[]}".getBytes(StandardCharsets.UTF_8),
        "generationConfig", "maxOutputTokens", 100), StandardCharsets.UTF_8);
    assertEquals("{\"generationConfig\":{\"maxOutputTokens\":100},\"contents\":[]}", added);
    assertEquals(100, parse(added).outputCap());
    String empty = new String(JsonWire.withNestedCap("{\"inferenceConfig\":{}}".getBytes(StandardCharsets.UTF_8),
        "inferenceConfig", "maxTokens", 7), StandardCharsets.UTF_8);
    assertEquals("{\"inferenceConfig\":{\"maxTokens\":7}}", empty);
  }

  @Test
  void providerAndActionFromUrl() {
    assertEquals("gemini", UrlTarget.of("https://generativelanguage.googleapis.com/v1beta/models/g:generateContent", "POST").provider());
    assertEquals("anthropic", UrlTarget.of("http://127.0.0.1:9/v1/messages", "POST").provider());
    assertEquals("gemini", UrlTarget.of("http://127.0.0.1:9/v1beta/models/g:embedContent", "POST").provider());
    assertEquals(dev.cordon.policy.Action.MODEL_EMBED,
        UrlTarget.of("http://127.0.0.1:9/v1beta/models/g:batchEmbedContents", "POST").action());
    assertEquals("bedrock", UrlTarget.of("https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse", "POST").provider());
    assertEquals(dev.cordon.policy.Action.MODEL_EMBED,
        UrlTarget.of("http://127.0.0.1:9/model/amazon.titan-embed-text-v2:0/invoke", "POST").action());
    assertEquals("ollama", UrlTarget.of("http://localhost:11434/api/chat", "POST").provider());
    assertEquals("openai", UrlTarget.of("http://localhost:11434/v1/chat/completions", "POST").provider());
    assertEquals("azure-openai", UrlTarget.of("https://x.openai.azure.com/openai/deployments/d/chat/completions?api-version=1",
        "POST").provider());
    assertNull(UrlTarget.of("http://127.0.0.1:9/v1/models", "GET").action());
  }
}
