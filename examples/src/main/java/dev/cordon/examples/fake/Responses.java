package dev.cordon.examples.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * POST /v1/responses (the Responses API). No recordings exist for it, so field names follow the
 * openai-java SDK's model classes ({@code Response}, {@code ResponseStreamEvent} and friends);
 * the tests parse these bodies with the SDK's response validation on.
 */
final class Responses {
    private static final int ARGUMENT_SLICE = 5;

    Reply handle(ObjectNode request) {
        String model = Endpoints.requireModel(request);
        JsonNode input = request.get("input");
        String userText = userText(input);
        Optional<Answers.ToolCall> toolCall = Answers.toolCall(request.get("tools"), userText);
        String text = Answers.echo(userText);

        int inputTokens = Tokens.count(request.path("instructions").asText("")) + inputTokens(input);
        int outputTokens = toolCall.map(t -> Tokens.count(t.name()) + Tokens.count(t.arguments()))
                .orElse(Tokens.count(text));

        ObjectNode response = response(request, model);
        ObjectNode item = toolCall.isPresent() ? functionCall(toolCall.get()) : message(text);
        if (!request.path("stream").asBoolean(false)) {
            response.withArray("output").add(item);
            response.set("usage", usage(inputTokens, outputTokens));
            return Reply.ok(response);
        }
        return new Reply.EventStream(new Stream(response).frames(item, toolCall, text, usage(inputTokens, outputTokens)));
    }

    /** The text of the last user message of {@code input}: a string, or a list of input items. */
    private static String userText(JsonNode input) {
        if (input == null || input.isNull()) {
            return "";
        }
        if (input.isTextual()) {
            return input.asText();
        }
        return Json.lastUserText(input);
    }

    private static int inputTokens(JsonNode input) {
        if (input == null || input.isTextual()) {
            return Tokens.count(input == null ? "" : input.asText()) + Tokens.PER_MESSAGE;
        }
        return Tokens.count(Json.allTexts(input)) + Tokens.PER_MESSAGE * input.size();
    }

    /** The envelope, status "completed"; the stream's first events carry an "in_progress" copy. */
    private static ObjectNode response(ObjectNode request, String model) {
        ObjectNode r = Json.object();
        r.put("id", Ids.hex("resp_", 48));
        r.put("object", "response");
        r.put("created_at", Ids.nowSeconds());
        r.put("status", "completed");
        r.put("background", false);
        r.putNull("error");
        r.putNull("incomplete_details");
        r.set("instructions", request.path("instructions").isTextual() ? request.get("instructions") : null);
        r.set("max_output_tokens", request.path("max_output_tokens").isNumber() ? request.get("max_output_tokens") : null);
        r.put("model", model);
        r.putArray("output");
        r.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
        r.set("previous_response_id", request.path("previous_response_id").isTextual() ? request.get("previous_response_id") : null);
        ObjectNode reasoning = r.putObject("reasoning");
        reasoning.putNull("effort");
        reasoning.putNull("summary");
        r.put("service_tier", "default");
        r.put("store", request.path("store").asBoolean(true));
        r.put("temperature", request.path("temperature").asDouble(1.0));
        r.putObject("text").putObject("format").put("type", "text");
        r.set("tool_choice", request.has("tool_choice") ? request.get("tool_choice") : Json.MAPPER.getNodeFactory().textNode("auto"));
        r.set("tools", request.path("tools").isArray() ? request.get("tools") : Json.array());
        r.put("top_p", request.path("top_p").asDouble(1.0));
        r.put("truncation", "disabled");
        r.putNull("usage");
        r.putNull("user");
        r.set("metadata", request.path("metadata").isObject() ? request.get("metadata") : Json.object());
        return r;
    }

    private static ObjectNode message(String text) {
        ObjectNode m = Json.object();
        m.put("id", Ids.hex("msg_", 48));
        m.put("type", "message");
        m.put("status", "completed");
        m.putArray("content").add(outputText(text));
        m.put("role", "assistant");
        return m;
    }

    private static ObjectNode outputText(String text) {
        ObjectNode part = Json.object();
        part.put("type", "output_text");
        part.putArray("annotations");
        part.putArray("logprobs");
        part.put("text", text);
        return part;
    }

    private static ObjectNode functionCall(Answers.ToolCall call) {
        ObjectNode f = Json.object();
        f.put("id", Ids.hex("fc_", 48));
        f.put("type", "function_call");
        f.put("status", "completed");
        f.put("arguments", call.arguments());
        f.put("call_id", Ids.of("call_", 24));
        f.put("name", call.name());
        return f;
    }

    private static ObjectNode usage(int input, int output) {
        ObjectNode u = Json.object();
        u.put("input_tokens", input);
        u.putObject("input_tokens_details").put("cached_tokens", 0);
        u.put("output_tokens", output);
        u.putObject("output_tokens_details").put("reasoning_tokens", 0);
        u.put("total_tokens", input + output);
        return u;
    }

    /** The event sequence of a streamed response, each event with its sequence_number. */
    private static final class Stream {
        private final ObjectNode completed;
        private final List<String> frames = new ArrayList<>();
        private int sequence;

        Stream(ObjectNode completed) {
            this.completed = completed;
        }

        List<String> frames(ObjectNode item, Optional<Answers.ToolCall> toolCall, String text, ObjectNode usage) {
            ObjectNode inProgress = completed.deepCopy();
            inProgress.put("status", "in_progress");
            emit("response.created").set("response", inProgress);
            emit("response.in_progress").set("response", inProgress);

            String itemId = item.get("id").asText();
            ObjectNode opened = item.deepCopy();
            opened.put("status", "in_progress");
            if (toolCall.isPresent()) {
                opened.put("arguments", "");
                emit("response.output_item.added").put("output_index", 0).set("item", opened);
                for (String piece : Answers.slices(toolCall.get().arguments(), ARGUMENT_SLICE)) {
                    emit("response.function_call_arguments.delta")
                            .put("item_id", itemId).put("output_index", 0).put("delta", piece);
                }
                emit("response.function_call_arguments.done")
                        .put("item_id", itemId).put("name", toolCall.get().name()).put("output_index", 0)
                        .put("arguments", toolCall.get().arguments());
            } else {
                opened.putArray("content");
                emit("response.output_item.added").put("output_index", 0).set("item", opened);
                partEvent("response.content_part.added", itemId).set("part", outputText(""));
                for (String piece : Answers.words(text)) {
                    partEvent("response.output_text.delta", itemId).put("delta", piece).putArray("logprobs");
                }
                partEvent("response.output_text.done", itemId).put("text", text).putArray("logprobs");
                partEvent("response.content_part.done", itemId).set("part", outputText(text));
            }
            emit("response.output_item.done").put("output_index", 0).set("item", item);

            completed.withArray("output").add(item);
            completed.set("usage", usage);
            emit("response.completed").set("response", completed);
            return render();
        }

        private final List<ObjectNode> events = new ArrayList<>();

        private ObjectNode emit(String type) {
            ObjectNode e = Json.object();
            e.put("type", type);
            e.put("sequence_number", sequence++);
            events.add(e);
            return e;
        }

        private ObjectNode partEvent(String type, String itemId) {
            return emit(type).put("item_id", itemId).put("output_index", 0).put("content_index", 0);
        }

        // Rendered at the end because the envelope objects are shared and filled in as we go;
        // each event is serialised once, after the last change to what it references.
        private List<String> render() {
            for (ObjectNode e : events) {
                frames.add(Reply.event(e.get("type").asText(), e));
            }
            return frames;
        }
    }
}
