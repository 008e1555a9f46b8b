package dev.cordon.examples.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.ChatModel;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chat Completions through the real openai-java SDK, no agent attached. */
class ChatCompletionsSdkTest extends SdkTestBase {

    private static final String QUESTION = "Answer in up to 3 words: Which ocean contains Bouvet Island?";

    private static ChatCompletionCreateParams.Builder question() {
        return ChatCompletionCreateParams.builder().model(ChatModel.GPT_4O_MINI).addUserMessage(QUESTION);
    }

    private static ChatCompletionCreateParams.Builder withWeatherTool(String prompt) {
        return ChatCompletionCreateParams.builder()
                .model(ChatModel.GPT_4O_MINI)
                .addSystemMessage("You are a helpful assistant providing weather updates.")
                .addUserMessage(prompt)
                .addFunctionTool(FunctionDefinition.builder()
                        .name("get_weather")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("required", JsonValue.from(List.of("location")))
                                .putAdditionalProperty("properties", JsonValue.from(
                                        Map.of("location", Map.of("type", "string"))))
                                .build())
                        .build());
    }

    @Test
    void syncChatEchoesTheLastUserMessageWithUsage() throws Exception {
        ChatCompletion completion = client.chat().completions().create(question().build());

        assertEquals("Echo: " + QUESTION, completion.choices().get(0).message().content().orElseThrow());
        assertEquals("gpt-4o-mini", completion.model());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        CompletionUsage usage = completion.usage().orElseThrow();
        // 13 tokens of text + 4 for the message + 3 for the reply; the answer adds "Echo" and ":".
        assertEquals(20, usage.promptTokens());
        assertEquals(15, usage.completionTokens());
        assertEquals(35, usage.totalTokens());

        FakeOpenAiServer.RecordedRequest r = onlyRequest();
        assertEquals("POST", r.method());
        assertEquals("/v1/chat/completions", r.path());
        assertEquals("Bearer sk-test-not-a-real-key", r.headers().get("authorization"));
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertEquals("gpt-4o-mini", body.get("model").asText());
        assertEquals(QUESTION, body.at("/messages/0/content").asText());
    }

    @Test
    void asyncChatIsAnsweredToo() {
        ChatCompletion completion = client.async().chat().completions().create(question().build()).join();

        assertEquals("Echo: " + QUESTION, completion.choices().get(0).message().content().orElseThrow());
        assertEquals(1, server.requests().size());
    }

    @Test
    void longMessagesAreTruncatedInTheEcho() {
        String longText = "x".repeat(500);
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(ChatModel.GPT_4O_MINI).addUserMessage(longText).build());

        assertEquals("Echo: " + "x".repeat(Answers.ECHO_LIMIT), completion.choices().get(0).message().content().orElseThrow());
        assertTrue(onlyRequest().body().contains(longText), "the full text reached the server");
    }

    @Test
    void severalChoicesWhenAskedForN() {
        ChatCompletion completion = client.chat().completions().create(question().n(2).build());

        assertEquals(2, completion.choices().size());
        assertEquals(1, completion.choices().get(1).index());
    }

    @Test
    void streamingWithoutUsage() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(question().build())) {
            stream.stream().forEach(c -> chunks.add(acc.accumulate(c)));
        }

        assertTrue(chunks.size() > 3, "content spread over several chunks: " + chunks.size());
        assertTrue(chunks.stream().allMatch(c -> c.usage().isEmpty()));
        ChatCompletion completion = acc.chatCompletion();
        assertEquals("Echo: " + QUESTION, completion.choices().get(0).message().content().orElseThrow());
        assertTrue(onlyRequest().body().contains("\"stream\":true"));
    }

    @Test
    void streamingWithIncludeUsageEndsWithAUsageChunk() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        ChatCompletionCreateParams params = question()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(c -> chunks.add(acc.accumulate(c)));
        }

        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertTrue(last.choices().isEmpty());
        CompletionUsage usage = last.usage().orElseThrow();
        assertEquals(20, usage.promptTokens());
        assertEquals(15, usage.completionTokens());
        assertEquals("Echo: " + QUESTION, acc.chatCompletion().choices().get(0).message().content().orElseThrow());
    }

    @Test
    void toolCallToTheFirstDeclaredTool() throws Exception {
        ChatCompletion completion = client.chat().completions().create(
                withWeatherTool("Use a tool: what is the weather in London?").build());

        ChatCompletion.Choice choice = completion.choices().get(0);
        assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, choice.finishReason());
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
        assertEquals("get_weather", call.function().name());
        assertTrue(call.id().startsWith("call_"));
        JsonNode args = Json.MAPPER.readTree(call.function().arguments());
        assertEquals("Use a tool: what is the weather in London?", args.get("location").asText());
        assertTrue(onlyRequest().body().contains("\"get_weather\""));
    }

    @Test
    void noToolCallWhenTheMessageDoesNotAskForOne() {
        ChatCompletion completion = client.chat().completions().create(
                withWeatherTool("What is the weather in London?").build());

        assertFalse(completion.choices().get(0).message().toolCalls().isPresent()
                && !completion.choices().get(0).message().toolCalls().get().isEmpty());
        assertEquals("Echo: What is the weather in London?", completion.choices().get(0).message().content().orElseThrow());
    }

    @Test
    void streamingToolCall() throws Exception {
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        ChatCompletionCreateParams params = withWeatherTool("Call the tool for London")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        int chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            chunks = (int) stream.stream().peek(acc::accumulate).count();
        }

        assertTrue(chunks > 4, "arguments streamed in pieces: " + chunks);
        ChatCompletion completion = acc.chatCompletion();
        ChatCompletionMessageFunctionToolCall call = completion.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertEquals("get_weather", call.function().name());
        assertEquals("Call the tool for London", Json.MAPPER.readTree(call.function().arguments()).get("location").asText());
        assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, completion.choices().get(0).finishReason());
        assertTrue(completion.usage().orElseThrow().completionTokens() > 0);
    }
}
