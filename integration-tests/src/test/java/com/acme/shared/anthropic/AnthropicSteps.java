package com.acme.shared.anthropic;

import com.acme.shared.Steps;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Anthropic Java SDK app: {@code chat:MODEL[:max=N][:tools=a,b][:system=S][:text=T]},
 * {@code stream:MODEL}, {@code async:MODEL}, {@code asyncstream:MODEL}, {@code beta:MODEL}.
 * Response validation is on, so the fake's wire format is checked by the SDK itself.
 */
public final class AnthropicSteps extends Steps {
  private final AnthropicClient client;
  private final AnthropicClientAsync async;

  public AnthropicSteps() {
    String base = System.getProperty("fake.root");
    client = AnthropicOkHttpClient.builder().baseUrl(base).apiKey("sk-ant-test").maxRetries(0).responseValidation(true).build();
    async = AnthropicOkHttpClientAsync.builder().baseUrl(base).apiKey("sk-ant-test").maxRetries(0).responseValidation(true)
        .build();
  }

  @Override
  protected String step(String[] parts) throws Exception {
    return switch (parts[0]) {
      case "chat" -> text(client.messages().create(params(parts)));
      case "stream" -> stream(parts);
      case "async" -> "async " + text(async.messages().create(params(parts)).get());
      case "asyncstream" -> asyncStream(parts);
      case "beta" -> beta(parts);
      default -> throw new IllegalArgumentException("unknown step " + parts[0]);
    };
  }

  private static MessageCreateParams params(String[] parts) {
    MessageCreateParams.Builder b = MessageCreateParams.builder().model(parts[1])
        .maxTokens(Long.parseLong(opt(parts, "max", "256")))
        .addUserMessage(opt(parts, "text", "Where is my order 1234?"));
    String system = opt(parts, "system", null);
    if (system != null) b.system(system);
    String tools = opt(parts, "tools", null);
    if (tools != null) {
      for (String t : tools.split(",")) {
        b.addTool(Tool.builder().name(t).description("tool " + t).inputSchema(Tool.InputSchema.builder()
            .properties(JsonValue.from(Map.of("order_id", Map.of("type", "string")))).build()).build());
      }
    }
    return b.build();
  }

  private static String text(Message m) {
    StringBuilder sb = new StringBuilder(m.model().asString());
    m.content().forEach(c -> c.text().ifPresent(t -> sb.append(' ').append(t.text())));
    m.content().forEach(c -> c.toolUse().ifPresent(t -> sb.append(" tool_use ").append(t.name())));
    return sb.toString();
  }

  private static void append(RawMessageStreamEvent e, StringBuilder sb) {
    e.contentBlockDelta().ifPresent(d -> d.delta().text().ifPresent(t -> sb.append(t.text())));
  }

  private String stream(String[] parts) {
    StringBuilder sb = new StringBuilder();
    try (StreamResponse<RawMessageStreamEvent> r = client.messages().createStreaming(params(parts))) {
      r.stream().forEach(e -> append(e, sb));
    }
    return "streamed " + sb;
  }

  private String asyncStream(String[] parts) throws Exception {
    StringBuilder sb = new StringBuilder();
    AsyncStreamResponse<RawMessageStreamEvent> r = async.messages().createStreaming(params(parts));
    CompletableFuture<Void> done = r.subscribe(e -> append(e, sb)).onCompleteFuture();
    done.get();
    return "asyncstreamed " + sb;
  }

  private String beta(String[] parts) {
    com.anthropic.models.beta.messages.BetaMessage m = client.beta().messages().create(
        com.anthropic.models.beta.messages.MessageCreateParams.builder().model(parts[1])
            .maxTokens(Long.parseLong(opt(parts, "max", "256"))).addUserMessage("Where is my order 1234?").build());
    StringBuilder sb = new StringBuilder("beta " + m.model().asString());
    m.content().forEach(c -> c.text().ifPresent(t -> sb.append(' ').append(t.text())));
    return sb.toString();
  }
}
