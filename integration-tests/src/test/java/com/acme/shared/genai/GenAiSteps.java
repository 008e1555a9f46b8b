package com.acme.shared.genai;

import com.acme.shared.Steps;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.EmbedContentResponse;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.Schema;
import com.google.genai.types.Tool;
import java.util.Map;

/**
 * Google GenAI Java 2.x app (Gemini API): {@code chat:MODEL[:max=N][:tools=a,b]}, {@code stream:MODEL},
 * {@code async:MODEL}, {@code asyncstream:MODEL}, {@code embed:MODEL}.
 */
public final class GenAiSteps extends Steps {
  private final Client client = Client.builder().apiKey("test-gemini-key")
      .httpOptions(HttpOptions.builder().baseUrl(System.getProperty("fake.root")).build()).build();

  @Override
  protected String step(String[] parts) throws Exception {
    String model = parts[1];
    String text = opt(parts, "text", "Where is my order 1234?");
    return switch (parts[0]) {
      case "chat" -> answer(client.models.generateContent(model, text, config(parts)));
      case "stream" -> {
        StringBuilder sb = new StringBuilder();
        try (ResponseStream<GenerateContentResponse> s = client.models.generateContentStream(model, text, config(parts))) {
          for (GenerateContentResponse r : s) sb.append(r.text());
        }
        yield "streamed " + sb;
      }
      case "async" -> "async " + answer(client.async.models.generateContent(model, text, config(parts)).get());
      case "asyncstream" -> {
        StringBuilder sb = new StringBuilder();
        try (ResponseStream<GenerateContentResponse> s = client.async.models.generateContentStream(model, text, config(parts)).get()) {
          for (GenerateContentResponse r : s) sb.append(r.text());
        }
        yield "asyncstreamed " + sb;
      }
      case "embed" -> {
        EmbedContentResponse r = client.models.embedContent(model, "the quick brown fox", null);
        yield "embedding dims=" + r.embeddings().get().get(0).values().get().size();
      }
      default -> throw new IllegalArgumentException("unknown step " + parts[0]);
    };
  }

  private static String answer(GenerateContentResponse r) {
    if (!r.functionCalls().isEmpty()) return "functionCall " + r.functionCalls().get(0).name().orElse("");
    return r.text() + " tokens=" + r.usageMetadata().flatMap(u -> u.candidatesTokenCount()).orElse(-1);
  }

  private static GenerateContentConfig config(String[] parts) {
    GenerateContentConfig.Builder b = GenerateContentConfig.builder();
    String max = opt(parts, "max", null);
    if (max != null) b.maxOutputTokens(Integer.parseInt(max));
    String tools = opt(parts, "tools", null);
    if (tools != null) {
      Tool.Builder t = Tool.builder();
      java.util.List<FunctionDeclaration> fns = new java.util.ArrayList<>();
      for (String name : tools.split(",")) {
        fns.add(FunctionDeclaration.builder().name(name).description("tool " + name)
            .parameters(Schema.builder().type("OBJECT").properties(Map.of("order_id", Schema.builder().type("STRING").build()))
                .build()).build());
      }
      b.tools(t.functionDeclarations(fns).build());
    }
    return b.build();
  }
}
