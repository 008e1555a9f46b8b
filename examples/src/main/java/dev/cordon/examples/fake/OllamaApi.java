package dev.cordon.examples.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ollama's native API: POST /api/chat and /api/generate (JSON, or newline-delimited JSON when
 * {@code stream} is true, which is Ollama's default), POST /api/embed. Counts are reported the
 * Ollama way, as {@code prompt_eval_count} and {@code eval_count} on the final message.
 */
final class OllamaApi {
    Reply chat(ObjectNode request, boolean generate) {
        String model = Endpoints.requireModel(request);
        String userText;
        Optional<Answers.ToolCall> toolCall = Optional.empty();
        int promptTokens;
        if (generate) {
            userText = request.path("prompt").asText("");
            promptTokens = Tokens.count(userText);
        } else {
            JsonNode messages = request.get("messages");
            if (messages == null || !messages.isArray()) {
                throw ApiError.missing("messages");
            }
            userText = Json.lastUserText(messages);
            boolean afterTool = messages.size() > 0 && "tool".equals(messages.get(messages.size() - 1).path("role").asText());
            toolCall = afterTool ? Optional.empty() : Answers.toolCall(request.get("tools"), userText);
            promptTokens = Tokens.count(Json.allTexts(messages));
        }
        String text = Answers.echo(userText);
        int evalTokens = toolCall.map(t -> Tokens.count(t.name()) + Tokens.count(t.arguments())).orElse(Tokens.count(text));
        boolean stream = request.path("stream").asBoolean(true);
        if (!stream) {
            ObjectNode body = base(model);
            put(body, generate, toolCall.isPresent() ? "" : text, toolCall);
            done(body, promptTokens, evalTokens);
            return Reply.ok(body);
        }
        List<byte[]> lines = new ArrayList<>();
        if (toolCall.isEmpty()) {
            for (String piece : Answers.words(text)) {
                ObjectNode chunk = base(model);
                put(chunk, generate, piece, Optional.empty());
                chunk.put("done", false);
                lines.add(line(chunk));
            }
        }
        ObjectNode last = base(model);
        put(last, generate, "", toolCall);
        done(last, promptTokens, evalTokens);
        lines.add(line(last));
        return new Reply.BinaryStream("application/x-ndjson", lines);
    }

    Reply embed(ObjectNode request) {
        String model = Endpoints.requireModel(request);
        JsonNode input = request.get("input");
        List<String> inputs = new ArrayList<>();
        if (input != null && input.isTextual()) {
            inputs.add(input.asText());
        } else if (input != null && input.isArray()) {
            input.forEach(i -> inputs.add(i.asText()));
        } else {
            throw ApiError.missing("input");
        }
        ObjectNode body = Json.object();
        body.put("model", model);
        ArrayNode all = body.putArray("embeddings");
        int tokens = 0;
        for (String i : inputs) {
            ArrayNode v = all.addArray();
            for (float f : Embeddings.vector(i, Embeddings.DEFAULT_DIMENSIONS)) {
                v.add(f);
            }
            tokens += Tokens.count(i);
        }
        body.put("total_duration", 1_000_000);
        body.put("load_duration", 1000);
        body.put("prompt_eval_count", tokens);
        return Reply.ok(body);
    }

    private static ObjectNode base(String model) {
        ObjectNode o = Json.object();
        o.put("model", model);
        o.put("created_at", Instant.now().toString());
        return o;
    }

    private static void put(ObjectNode o, boolean generate, String text, Optional<Answers.ToolCall> toolCall) {
        if (generate) {
            o.put("response", text);
            return;
        }
        ObjectNode m = o.putObject("message");
        m.put("role", "assistant");
        m.put("content", text);
        if (toolCall.isPresent()) {
            ObjectNode fn = m.putArray("tool_calls").addObject().putObject("function");
            fn.put("name", toolCall.get().name());
            fn.set("arguments", Json.parse(toolCall.get().arguments()));
        }
    }

    private static void done(ObjectNode o, int prompt, int eval) {
        o.put("done_reason", "stop");
        o.put("done", true);
        o.put("total_duration", 1_000_000);
        o.put("load_duration", 1000);
        o.put("prompt_eval_count", prompt);
        o.put("prompt_eval_duration", 1000);
        o.put("eval_count", eval);
        o.put("eval_duration", 1000);
    }

    private static byte[] line(ObjectNode o) {
        return (Json.write(o) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
