package com.acme.shared.bedrock;

import com.acme.shared.Steps;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;

/**
 * AWS SDK v2 Bedrock Runtime app (sync client on its default HTTP client, async on Netty over
 * HTTP/1.1): {@code converse:MODEL[:max=N][:tools=a,b]}, {@code asyncconverse:MODEL},
 * {@code stream:MODEL} (converseStream), {@code invoke:MODEL[:max=N]} (Anthropic body),
 * {@code invokestream:MODEL}, {@code embed:MODEL} (Titan body through invokeModel). A ':' in a model id is written '~'.
 */
public final class BedrockSteps extends Steps {
  private final URI endpoint = URI.create(System.getProperty("fake.root"));
  private final StaticCredentialsProvider creds =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
  private final BedrockRuntimeClient client = BedrockRuntimeClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
      .credentialsProvider(creds).build();
  private final BedrockRuntimeAsyncClient async = BedrockRuntimeAsyncClient.builder().region(Region.US_EAST_1)
      .endpointOverride(endpoint).credentialsProvider(creds)
      .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build();

  @Override
  protected String step(String[] parts) throws Exception {
    // Bedrock model ids contain ':' (the step separator): write it as '~'.
    parts[1] = parts[1].replace('~', ':');
    String model = parts[1];
    return switch (parts[0]) {
      case "converse" -> answer(client.converse(converse(parts)));
      case "asyncconverse" -> "async " + answer(async.converse(converse(parts)).get(30, TimeUnit.SECONDS));
      case "stream" -> {
        StringBuilder sb = new StringBuilder();
        ConverseRequest c = converse(parts);
        ConverseStreamRequest req = ConverseStreamRequest.builder().modelId(model).messages(c.messages())
            .inferenceConfig(c.inferenceConfig()).build();
        async.converseStream(req, ConverseStreamResponseHandler.builder().subscriber(ConverseStreamResponseHandler.Visitor.builder()
            .onContentBlockDelta(e -> sb.append(e.delta().text())).build()).build()).get(30, TimeUnit.SECONDS);
        yield "streamed " + sb;
      }
      case "invoke" -> {
        String body = client.invokeModel(InvokeModelRequest.builder().modelId(model).contentType("application/json")
            .body(SdkBytes.fromUtf8String(anthropicBody(parts))).build()).body().asUtf8String();
        yield "invoke " + body.substring(body.indexOf("\"text\""), body.indexOf("\"text\"") + 40);
      }
      case "invokestream" -> {
        int[] chunks = {0};
        async.invokeModelWithResponseStream(InvokeModelWithResponseStreamRequest.builder().modelId(model)
            .contentType("application/json").body(SdkBytes.fromUtf8String(anthropicBody(parts))).build(),
            InvokeModelWithResponseStreamResponseHandler.builder().subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor
                .builder().onChunk(ch -> chunks[0]++).build()).build()).get(30, TimeUnit.SECONDS);
        yield "invokestreamed chunks=" + chunks[0];
      }
      case "embed" -> {
        String body = client.invokeModel(InvokeModelRequest.builder().modelId(model).contentType("application/json")
            .body(SdkBytes.fromUtf8String("{\"inputText\":\"the quick brown fox\"}")).build()).body().asUtf8String();
        yield "embedding " + body.substring(0, 13);
      }
      default -> throw new IllegalArgumentException("unknown step " + parts[0]);
    };
  }

  private static String anthropicBody(String[] parts) {
    return "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":" + opt(parts, "max", "256")
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Where is my order 1234?\"}]}";
  }

  private static ConverseRequest converse(String[] parts) {
    ConverseRequest.Builder b = ConverseRequest.builder().modelId(parts[1])
        .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(opt(parts, "text", "Where is my order 1234?"))).build());
    String max = opt(parts, "max", null);
    if (max != null) b.inferenceConfig(InferenceConfiguration.builder().maxTokens(Integer.parseInt(max)).build());
    String tools = opt(parts, "tools", null);
    if (tools != null) {
      ToolConfiguration.Builder t = ToolConfiguration.builder();
      java.util.List<Tool> list = new java.util.ArrayList<>();
      for (String name : tools.split(",")) {
        list.add(Tool.fromToolSpec(ToolSpecification.builder().name(name).description("tool " + name)
            .inputSchema(ToolInputSchema.fromJson(Document.mapBuilder().putString("type", "object").build())).build()));
      }
      b.toolConfig(t.tools(list).build());
    }
    return b.build();
  }

  private static String answer(ConverseResponse r) {
    ContentBlock first = r.output().message().content().get(0);
    if (first.toolUse() != null) return "toolUse " + first.toolUse().name();
    return first.text() + " tokens=" + r.usage().outputTokens();
  }
}
