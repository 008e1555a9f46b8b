package dev.cordon.examples.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.ChatModel;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Responses API through the real openai-java SDK (validation on), no agent attached. */
class ResponsesSdkTest extends SdkTestBase {

    private static String text(Response response) {
        return response.output().get(0).asMessage().content().get(0).asOutputText().text();
    }

    @Test
    void syncResponseEchoesTheInput() throws Exception {
        Response response = client.responses().create(ResponseCreateParams.builder()
                .model(ChatModel.GPT_4O_MINI).input("Say hello to Cordon").maxOutputTokens(64L).build());

        assertEquals("Echo: Say hello to Cordon", text(response));
        assertEquals(ChatModel.GPT_4O_MINI, response.model().asChat());
        assertEquals(64L, response.maxOutputTokens().orElseThrow());
        ResponseUsage usage = response.usage().orElseThrow();
        assertEquals(4 + Tokens.PER_MESSAGE, usage.inputTokens());
        assertEquals(6, usage.outputTokens());
        assertEquals(usage.inputTokens() + usage.outputTokens(), usage.totalTokens());

        FakeOpenAiServer.RecordedRequest r = onlyRequest();
        assertEquals("/v1/responses", r.path());
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertEquals("Say hello to Cordon", body.get("input").asText());
        assertEquals(64, body.get("max_output_tokens").asInt());
    }

    @Test
    void inputAsAListOfMessages() {
        Response response = client.responses().create(ResponseCreateParams.builder()
                .model(ChatModel.GPT_4O_MINI)
                .inputOfResponse(List.of(
                        com.openai.models.responses.ResponseInputItem.ofEasyInputMessage(
                                com.openai.models.responses.EasyInputMessage.builder()
                                        .role(com.openai.models.responses.EasyInputMessage.Role.USER)
                                        .content("first").build()),
                        com.openai.models.responses.ResponseInputItem.ofEasyInputMessage(
                                com.openai.models.responses.EasyInputMessage.builder()
                                        .role(com.openai.models.responses.EasyInputMessage.Role.USER)
                                        .content("second").build())))
                .build());

        assertEquals("Echo: second", text(response));
    }

    @Test
    void streamingResponseSendsDeltasThenCompletedWithUsage() {
        List<ResponseStreamEvent> events = new ArrayList<>();
        ResponseAccumulator acc = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(ResponseCreateParams.builder()
                .model(ChatModel.GPT_4O_MINI).input("stream me three words").build())) {
            stream.stream().forEach(e -> events.add(acc.accumulate(e)));
        }

        assertTrue(events.get(0).isCreated());
        StringBuilder deltas = new StringBuilder();
        events.stream().filter(ResponseStreamEvent::isOutputTextDelta)
                .forEach(e -> deltas.append(e.asOutputTextDelta().delta()));
        assertEquals("Echo: stream me three words", deltas.toString());
        assertTrue(events.stream().filter(ResponseStreamEvent::isOutputTextDelta).count() > 2);
        ResponseStreamEvent last = events.get(events.size() - 1);
        assertTrue(last.isCompleted());
        assertEquals(6, last.asCompleted().response().usage().orElseThrow().outputTokens());
        assertEquals("Echo: stream me three words", text(acc.response()));
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i, sequenceNumber(events.get(i)), "sequence numbers without gaps");
        }
    }

    private static long sequenceNumber(ResponseStreamEvent e) {
        try {
            String json = com.openai.core.ObjectMappers.jsonMapper().writeValueAsString(e);
            return Json.MAPPER.readTree(json).get("sequence_number").asLong();
        } catch (java.io.IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
    }

    private static FunctionTool weatherTool() {
        return FunctionTool.builder().name("get_weather").strict(true)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("required", JsonValue.from(List.of("location")))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("location", Map.of("type", "string"))))
                        .build())
                .build();
    }

    @Test
    void functionCallWhenAToolIsAskedFor() throws Exception {
        Response response = client.responses().create(ResponseCreateParams.builder()
                .model(ChatModel.GPT_4O_MINI).input("use the tool for Paris").addTool(weatherTool()).build());

        ResponseFunctionToolCall call = response.output().get(0).asFunctionCall();
        assertEquals("get_weather", call.name());
        assertEquals("use the tool for Paris", Json.MAPPER.readTree(call.arguments()).get("location").asText());
    }

    @Test
    void streamingFunctionCall() throws Exception {
        ResponseAccumulator acc = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(ResponseCreateParams.builder()
                .model(ChatModel.GPT_4O_MINI).input("use the tool for Paris").addTool(weatherTool()).build())) {
            stream.stream().forEach(acc::accumulate);
        }

        ResponseFunctionToolCall call = acc.response().output().get(0).asFunctionCall();
        assertEquals("get_weather", call.name());
        assertEquals("use the tool for Paris", Json.MAPPER.readTree(call.arguments()).get("location").asText());
    }
}
