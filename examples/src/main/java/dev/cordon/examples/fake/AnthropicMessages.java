package dev.cordon.examples.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * POST /v1/messages (also with {@code ?beta=true}), Anthropic's Messages API: a JSON message, or
 * with {@code "stream": true} the documented event sequence {@code message_start} (input tokens),
 * {@code content_block_start}, {@code ping}, {@code content_block_delta}s ({@code text_delta} or
 * {@code input_json_delta}), {@code content_block_stop}, {@code message_delta} (stop reason and
 * output tokens), {@code message_stop}. Tools: Anthropic's shape {@code {"name", "input_schema"}}.
 */
final class AnthropicMessages {
    private static final int ARGUMENT_SLICE = 5;

    Reply handle(ObjectNode request) {
        String model = Endpoints.requireModel(request);
        JsonNode messages = request.get("messages");
        if (messages == null || !messages.isArray()) {
            throw ApiError.missing("messages");
        }
        if (!request.path("max_tokens").isNumber()) {
            throw ApiError.missing("max_tokens");
        }
        String userText = Json.lastUserText(messages);
        Optional<Answers.ToolCall> toolCall = Answers.toolCall(anthropicTools(request.get("tools")), userText);
        String text = Answers.echo(userText);
        int inputTokens = Tokens.count(Json.text(request.get("system"))) + Tokens.count(Json.allTexts(messages));
        int outputTokens = toolCall.map(t -> Tokens.count(t.name()) + Tokens.count(t.arguments()))
                .orElse(Tokens.count(text));
        String id = Ids.of("msg_01", 22);
        if (request.path("stream").asBoolean(false)) {
            return new Reply.EventStream(frames(id, model, text, toolCall, inputTokens, outputTokens));
        }
        ObjectNode body = message(id, model, inputTokens, outputTokens);
        ArrayNode content = body.putArray("content");
        if (toolCall.isPresent()) {
            ObjectNode use = content.addObject();
            use.put("type", "tool_use");
            use.put("id", Ids.of("toolu_01", 22));
            use.put("name", toolCall.get().name());
            use.set("input", Json.parse(toolCall.get().arguments()));
            body.put("stop_reason", "tool_use");
        } else {
            content.addObject().put("type", "text").put("text", text);
            body.put("stop_reason", "end_turn");
        }
        return Reply.ok(body);
    }

    /** Anthropic declares tools as {name, description, input_schema}; Answers reads {name, parameters}. */
    private static JsonNode anthropicTools(JsonNode tools) {
        if (tools == null || !tools.isArray()) {
            return tools;
        }
        ArrayNode out = Json.array();
        for (JsonNode t : tools) {
            ObjectNode fn = out.addObject();
            fn.put("type", "function");
            fn.put("name", t.path("name").asText(""));
            fn.set("parameters", t.path("input_schema"));
        }
        return out;
    }

    private static ObjectNode message(String id, String model, int inputTokens, int outputTokens) {
        ObjectNode m = Json.object();
        m.put("id", id);
        m.put("type", "message");
        m.put("role", "assistant");
        m.put("model", model);
        m.putArray("content");
        m.putNull("stop_reason");
        m.putNull("stop_sequence");
        m.set("usage", usage(inputTokens, outputTokens));
        return m;
    }

    private static ObjectNode usage(int input, int output) {
        ObjectNode u = Json.object();
        u.put("input_tokens", input);
        u.put("cache_creation_input_tokens", 0);
        u.put("cache_read_input_tokens", 0);
        u.put("output_tokens", output);
        u.put("service_tier", "standard");
        return u;
    }

    private static List<String> frames(String id, String model, String text, Optional<Answers.ToolCall> toolCall,
            int inputTokens, int outputTokens) {
        List<String> frames = new ArrayList<>();
        ObjectNode start = Json.object();
        start.put("type", "message_start");
        // As the API does: the start carries the input tokens and a provisional output count of 1.
        start.set("message", message(id, model, inputTokens, 1));
        frames.add(Reply.event("message_start", start));

        ObjectNode blockStart = Json.object();
        blockStart.put("type", "content_block_start");
        blockStart.put("index", 0);
        ObjectNode block = blockStart.putObject("content_block");
        if (toolCall.isPresent()) {
            block.put("type", "tool_use").put("id", Ids.of("toolu_01", 22)).put("name", toolCall.get().name());
            block.putObject("input");
        } else {
            block.put("type", "text").put("text", "");
        }
        frames.add(Reply.event("content_block_start", blockStart));
        frames.add(Reply.event("ping", Json.object().put("type", "ping")));

        List<String> pieces = toolCall.isPresent()
                ? Answers.slices(toolCall.get().arguments(), ARGUMENT_SLICE) : Answers.words(text);
        for (String piece : pieces) {
            ObjectNode delta = Json.object();
            delta.put("type", "content_block_delta");
            delta.put("index", 0);
            ObjectNode d = delta.putObject("delta");
            if (toolCall.isPresent()) {
                d.put("type", "input_json_delta").put("partial_json", piece);
            } else {
                d.put("type", "text_delta").put("text", piece);
            }
            frames.add(Reply.event("content_block_delta", delta));
        }
        frames.add(Reply.event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", 0)));

        ObjectNode messageDelta = Json.object();
        messageDelta.put("type", "message_delta");
        ObjectNode d = messageDelta.putObject("delta");
        d.put("stop_reason", toolCall.isPresent() ? "tool_use" : "end_turn");
        d.putNull("stop_sequence");
        // The final output count (cumulative) arrives here, not in message_start.
        messageDelta.putObject("usage").put("output_tokens", outputTokens);
        frames.add(Reply.event("message_delta", messageDelta));
        frames.add(Reply.event("message_stop", Json.object().put("type", "message_stop")));
        return frames;
    }
}
