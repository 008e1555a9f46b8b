package com.acme.shared.springai1;

import com.acme.shared.Steps;
import java.util.List;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.retry.RetryUtils;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * Spring AI 1.1 app (OpenAiApi on RestClient for calls, WebClient for streams):
 * {@code call:MODEL[:max=N]}, {@code stream:MODEL[:usage]}, {@code client:MODEL} (ChatClient fluent API),
 * {@code clientstream:MODEL}, {@code tools:MODEL} (ChatClient with a @Tool: two model calls),
 * {@code embed:MODEL}.
 */
public final class SpringAi1Steps extends Steps {
  private final OpenAiApi api = OpenAiApi.builder().baseUrl(System.getProperty("fake.root")).apiKey("sk-test").build();

  public static final class OrderTools {
    @Tool(name = "lookup_order", description = "Looks up an order by id")
    public String lookupOrder(@ToolParam(description = "the order id") String orderId) {
      return "order " + orderId + " shipped yesterday";
    }
  }

  /** Models are built once per option set, as an application would (and so that a benchmark times calls, not builders). */
  private final java.util.Map<String, OpenAiChatModel> models = new java.util.HashMap<>();

  private OpenAiChatModel model(String[] parts) {
    return models.computeIfAbsent(String.join(":", parts).substring(parts[0].length()), k -> build(parts));
  }

  private OpenAiChatModel build(String[] parts) {
    OpenAiChatOptions.Builder o = OpenAiChatOptions.builder().model(parts[1]).streamUsage(flag(parts, "usage"));
    String max = opt(parts, "max", null);
    if (max != null) o.maxCompletionTokens(Integer.parseInt(max));
    return OpenAiChatModel.builder().openAiApi(api).defaultOptions(o.build()).retryTemplate(RetryUtils.DEFAULT_RETRY_TEMPLATE)
        .build();
  }

  @Override
  protected String step(String[] parts) {
    String text = opt(parts, "text", "Where is my order 1234?");
    return switch (parts[0]) {
      case "call" -> "call " + model(parts).call(new Prompt(text)).getResult().getOutput().getText();
      case "stream" -> {
        List<ChatResponse> chunks = model(parts).stream(new Prompt(text)).collectList().block();
        StringBuilder sb = new StringBuilder();
        for (ChatResponse c : chunks) {
          if (c.getResult() != null && c.getResult().getOutput().getText() != null) sb.append(c.getResult().getOutput().getText());
        }
        yield "streamed " + sb;
      }
      case "client" -> "client " + ChatClient.create(model(parts)).prompt().user(text).call().content();
      case "clientstream" -> "clientstreamed " + String.join("",
          ChatClient.create(model(parts)).prompt().user(text).stream().content().collectList().block());
      case "tools" -> "tools " + ChatClient.create(model(parts)).prompt().user(opt(parts, "text", "Use the tool for order 1234"))
          .tools(new OrderTools()).call().content();
      case "embed" -> {
        OpenAiEmbeddingModel em = new OpenAiEmbeddingModel(api, MetadataMode.EMBED,
            OpenAiEmbeddingOptions.builder().model(parts[1]).build());
        yield "embedding dims=" + em.embed("the quick brown fox").length;
      }
      default -> throw new IllegalArgumentException("unknown step " + parts[0]);
    };
  }
}
