package dev.cordon.examples.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon Bedrock Runtime ({@code bedrock-runtime.*.amazonaws.com} wire format, SigV4 not checked):
 * POST /model/{modelId}/converse (JSON), /converse-stream (event stream: messageStart,
 * contentBlockDelta, contentBlockStop, messageStop, metadata with usage), /invoke and
 * /invoke-with-response-stream with an Anthropic Messages body (chunk events carrying the
 * Anthropic stream events base64-encoded) or a Titan embeddings body ({@code inputText}).
 */
final class BedrockRuntime {
    static final Pattern PATH = Pattern.compile("/model/([^/]+)/(converse|converse-stream|invoke|invoke-with-response-stream)");

    private final AnthropicMessages anthropic = new AnthropicMessages();

    Reply handle(Matcher path, ObjectNode request) {
        String model = path.group(1);
        return switch (path.group(2)) {
            case "converse" -> converse(model, request, false);
            case "converse-stream" -> converse(model, request, true);
            case "invoke" -> invoke(model, request, false);
            default -> invoke(model, request, true);
        };
    }

    private Reply converse(String model, ObjectNode request, boolean stream) {
        JsonNode messages = request.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ApiError.missing("messages");
        }
        JsonNode last = messages.get(messages.size() - 1);
        boolean afterToolResult = last.toString().contains("\"toolResult\"");
        String userText = text(last);
        Optional<Answers.ToolCall> toolCall = afterToolResult ? Optional.empty()
                : Answers.toolCall(tools(request.path("toolConfig").path("tools")), userText);
        String text = Answers.echo(userText);
        int input = 0;
        for (JsonNode m : messages) {
            input += Tokens.count(text(m));
        }
        for (JsonNode s : request.path("system")) {
            input += Tokens.count(s.path("text").asText(""));
        }
        int output = toolCall.map(t -> Tokens.count(t.name()) + Tokens.count(t.arguments())).orElse(Tokens.count(text));
        ObjectNode usage = Json.object().put("inputTokens", input).put("outputTokens", output).put("totalTokens", input + output);
        if (!stream) {
            ObjectNode body = Json.object();
            ObjectNode message = body.putObject("output").putObject("message");
            message.put("role", "assistant");
            ArrayNode content = message.putArray("content");
            if (toolCall.isPresent()) {
                ObjectNode use = content.addObject().putObject("toolUse");
                use.put("toolUseId", Ids.of("tooluse_", 22));
                use.put("name", toolCall.get().name());
                use.set("input", Json.parse(toolCall.get().arguments()));
            } else {
                content.addObject().put("text", text);
            }
            body.put("stopReason", toolCall.isPresent() ? "tool_use" : "end_turn");
            body.set("usage", usage);
            body.putObject("metrics").put("latencyMs", 1);
            return Reply.ok(body);
        }
        List<byte[]> events = new ArrayList<>();
        events.add(EventStream.event("messageStart", "{\"role\":\"assistant\"}"));
        for (String piece : Answers.words(text)) {
            ObjectNode d = Json.object().put("contentBlockIndex", 0);
            d.putObject("delta").put("text", piece);
            events.add(EventStream.event("contentBlockDelta", Json.write(d)));
        }
        events.add(EventStream.event("contentBlockStop", "{\"contentBlockIndex\":0}"));
        events.add(EventStream.event("messageStop", "{\"stopReason\":\"end_turn\"}"));
        ObjectNode meta = Json.object();
        meta.set("usage", usage);
        meta.putObject("metrics").put("latencyMs", 1);
        events.add(EventStream.event("metadata", Json.write(meta)));
        return new Reply.BinaryStream("application/vnd.amazon.eventstream", events);
    }

    private Reply invoke(String model, ObjectNode request, boolean stream) {
        if (request.has("inputText")) {
            String input = request.path("inputText").asText();
            ObjectNode body = Json.object();
            ArrayNode values = body.putArray("embedding");
            for (float v : Embeddings.vector(input, request.path("dimensions").asInt(Embeddings.DEFAULT_DIMENSIONS))) {
                values.add(v);
            }
            body.put("inputTextTokenCount", Tokens.count(input));
            return Reply.ok(body);
        }
        request.put("model", model);
        request.put("stream", stream);
        Reply answer = anthropic.handle(request);
        if (!stream) {
            return answer;
        }
        List<byte[]> events = new ArrayList<>();
        for (String frame : ((Reply.EventStream) answer).frames()) {
            String data = frame.substring(frame.indexOf("data: ") + 6).trim();
            String b64 = Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8));
            events.add(EventStream.event("chunk", "{\"bytes\":\"" + b64 + "\"}"));
        }
        return new Reply.BinaryStream("application/vnd.amazon.eventstream", events);
    }

    /** Bedrock declares {toolSpec:{name, inputSchema:{json}}}; Answers reads {type:function, name, parameters}. */
    private static JsonNode tools(JsonNode tools) {
        ArrayNode out = Json.array();
        for (JsonNode t : tools) {
            JsonNode spec = t.path("toolSpec");
            if (spec.isObject()) {
                ObjectNode f = out.addObject();
                f.put("type", "function");
                f.put("name", spec.path("name").asText(""));
                f.set("parameters", spec.path("inputSchema").path("json"));
            }
        }
        return out;
    }

    private static String text(JsonNode message) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode c : message.path("content")) {
            if (c.path("text").isTextual()) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(c.path("text").asText());
            }
        }
        return sb.toString();
    }
}
