package com.acme.shared.langchain4j;

import com.acme.shared.Steps;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * LangChain4j 1.x app (OpenAI module, default JDK transport, default retries):
 * {@code chat:MODEL[:max=N][:text=T]}, {@code stream:MODEL}, {@code embed:MODEL},
 * {@code agent:MODEL} (an AiServices interface with a tool: two model calls), {@code both:MODEL}
 * (one LangChain4j call and one openai-java call in the same app), {@code marker:MODEL}, {@code tools:MODEL[:text=T]} and {@code streamtools:MODEL[:text=T]} (a ChatRequest
 * declaring lookup_order); the Gemini
 * module: {@code gchat:MODEL}, {@code gstream:MODEL}, {@code gembed:MODEL}; the Ollama module: {@code ochat:MODEL}, {@code ostream:MODEL},
 * {@code oembed:MODEL}; the Anthropic module:
 * {@code achat:MODEL[:max=N]}, {@code astream:MODEL}.
 */
public final class LangChain4jSteps extends Steps {
  private final String base = System.getProperty("fake.url");
  private final String root = System.getProperty("fake.root");

  /** The AI service of the app: LangChain4j implements it, calling the tool when the model asks. */
  public interface Assistant {
    String chat(String message);
  }

  public static final class OrderTools {
    @Tool(name = "lookup_order", value = "Looks up an order by id")
    public String lookupOrder(@P(name = "order_id", value = "the order id") String orderId) {
      return "order " + orderId + " shipped yesterday";
    }
  }

  /** Models are built once per option set, as an application would. */
  private final java.util.Map<String, ChatModel> models = new java.util.HashMap<>();

  private ChatModel chatModel(String[] parts) {
    return models.computeIfAbsent(String.join(":", parts).substring(parts[0].length()), k -> buildChatModel(parts));
  }

  private ChatModel buildChatModel(String[] parts) {
    OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder().baseUrl(base).apiKey("sk-test").modelName(parts[1]);
    String max = opt(parts, "max", null);
    if (max != null) b.maxCompletionTokens(Integer.parseInt(max));
    return b.build();
  }

  @Override
  protected String step(String[] parts) throws Exception {
    return switch (parts[0]) {
      case "chat" -> "chat " + chatModel(parts).chat(opt(parts, "text", "Where is my order 1234?"));
      case "stream" -> stream(OpenAiStreamingChatModel.builder().baseUrl(base).apiKey("sk-test").modelName(parts[1]).build());
      case "gchat" -> "gemini " + dev.langchain4j.model.googleai.GoogleAiGeminiChatModel.builder().baseUrl(root + "/v1beta")
          .apiKey("g-test").modelName(parts[1]).build().chat("Where is my order 1234?");
      case "gstream" -> "gemini " + stream(dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel.builder()
          .baseUrl(root + "/v1beta").apiKey("g-test").modelName(parts[1]).build());
      case "gembed" -> "gemini embedding dims=" + dev.langchain4j.model.googleai.GoogleAiEmbeddingModel.builder()
          .baseUrl(root + "/v1beta").apiKey("g-test").modelName(parts[1]).build().embed("the quick brown fox").content().dimension();
      case "ochat" -> "ollama " + dev.langchain4j.model.ollama.OllamaChatModel.builder().baseUrl(root).modelName(parts[1])
          .build().chat("Where is my order 1234?");
      case "ostream" -> "ollama " + stream(dev.langchain4j.model.ollama.OllamaStreamingChatModel.builder().baseUrl(root)
          .modelName(parts[1]).build());
      case "oembed" -> "ollama embedding dims=" + dev.langchain4j.model.ollama.OllamaEmbeddingModel.builder().baseUrl(root)
          .modelName(parts[1]).build().embed("the quick brown fox").content().dimension();
      case "achat" -> "anthropic " + dev.langchain4j.model.anthropic.AnthropicChatModel.builder().baseUrl(root + "/v1/")
          .apiKey("sk-ant-test").modelName(parts[1]).maxTokens(Integer.parseInt(opt(parts, "max", "256"))).build()
          .chat("Where is my order 1234?");
      case "astream" -> "anthropic " + stream(dev.langchain4j.model.anthropic.AnthropicStreamingChatModel.builder()
          .baseUrl(root + "/v1/").apiKey("sk-ant-test").modelName(parts[1]).maxTokens(256).build());
      case "embed" -> embed(parts[1]);
      case "agent" -> "agent " + AiServices.builder(Assistant.class).chatModel(chatModel(parts)).tools(new OrderTools())
          .build().chat("Use the tool for order 1234");
      case "tools" -> "tools " + describe(chatModel(parts).chat(toolRequest(parts)));
      case "streamtools" -> {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        OpenAiStreamingChatModel.builder().baseUrl(base).apiKey("sk-test").modelName(parts[1]).build()
            .chat(toolRequest(parts), new StreamingChatResponseHandler() {
              @Override public void onPartialResponse(String partial) { }
              @Override public void onCompleteResponse(ChatResponse response) { done.complete(response); }
              @Override public void onError(Throwable error) { done.completeExceptionally(error); }
            });
        yield "streamtools " + describe(done.get(30, TimeUnit.SECONDS));
      }
      case "marker" -> marker(parts[1]);
      case "both" -> "both " + chatModel(parts).chat("Where is my order 1234?") + " | " + openAiJava(parts[1]);
      default -> throw new IllegalArgumentException("unknown step " + parts[0]);
    };
  }

  /** A chat request declaring the tool lookup_order, with the step's text. */
  private static dev.langchain4j.model.chat.request.ChatRequest toolRequest(String[] parts) {
    return dev.langchain4j.model.chat.request.ChatRequest.builder()
        .messages(dev.langchain4j.data.message.UserMessage.from(opt(parts, "text", "use the tool")))
        .toolSpecifications(dev.langchain4j.agent.tool.ToolSpecification.builder().name("lookup_order")
            .description("Looks up an order").parameters(dev.langchain4j.model.chat.request.json.JsonObjectSchema.builder()
                .addStringProperty("order_id").required("order_id").build()).build())
        .build();
  }

  private static String describe(ChatResponse r) {
    return r.aiMessage().hasToolExecutionRequests() ? "tool_call " + r.aiMessage().toolExecutionRequests().get(0).name()
        : r.aiMessage().text();
  }

  private static String stream(StreamingChatModel model) throws Exception {
    StringBuilder sb = new StringBuilder();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat("Where is my order 1234?", new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partial) {
        sb.append(partial);
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    ChatResponse r = done.get(30, TimeUnit.SECONDS);
    return "streamed " + sb + " tokens=" + r.tokenUsage().outputTokenCount();
  }

  /** A sync chat and a stream over a JDK client that records the governed-call marker at each send. */
  private String marker(String model) throws Exception {
    MarkerSpyHttpClient.seen = "none";
    dev.langchain4j.http.client.jdk.JdkHttpClientBuilder http = dev.langchain4j.http.client.jdk.JdkHttpClient.builder()
        .httpClientBuilder(MarkerSpyHttpClient.builder());
    OpenAiChatModel.builder().baseUrl(base).apiKey("sk-test").modelName(model).httpClientBuilder(http).build()
        .chat("Where is my order 1234?");
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    OpenAiStreamingChatModel.builder().baseUrl(base).apiKey("sk-test").modelName(model).httpClientBuilder(http).build()
        .chat("Where is my order 1234?", new StreamingChatResponseHandler() {
          @Override public void onPartialResponse(String partial) { }
          @Override public void onCompleteResponse(ChatResponse response) { done.complete(response); }
          @Override public void onError(Throwable error) { done.completeExceptionally(error); }
        });
    done.get(30, TimeUnit.SECONDS);
    return "governed-at-transport=" + MarkerSpyHttpClient.seen;
  }

  private String embed(String model) {
    Embedding e = OpenAiEmbeddingModel.builder().baseUrl(base).apiKey("sk-test").modelName(model).build()
        .embed("the quick brown fox").content();
    return "embedding dims=" + e.dimension();
  }

  private String openAiJava(String model) {
    com.openai.client.OpenAIClient c = com.openai.client.okhttp.OpenAIOkHttpClient.builder().baseUrl(base)
        .apiKey("sk-test").maxRetries(0).build();
    return c.chat().completions().create(com.openai.models.chat.completions.ChatCompletionCreateParams.builder()
        .model(model).addUserMessage("Where is my order 1234?").build()).choices().get(0).message().content().orElse("");
  }
}
