package dev.cordon.examples.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google's Gemini API ({@code generativelanguage.googleapis.com} wire format):
 * POST /{v1,v1beta}/models/{model}:generateContent (JSON), :streamGenerateContent?alt=sse (SSE,
 * one GenerateContentResponse per event, usageMetadata on every chunk and complete on the last),
 * :embedContent and :batchEmbedContents. Tools are {functionDeclarations:[{name, parameters}]};
 * a call is answered as a {@code functionCall} part, and after a {@code functionResponse} the model
 * answers in text.
 */
final class GeminiModels {
    static final Pattern PATH = Pattern.compile("/(v1|v1beta|v1alpha)/models/([^/:]+):([A-Za-z]+)");

    Reply handle(Matcher path, ObjectNode request) {
        String model = path.group(2);
        return switch (path.group(3)) {
            case "generateContent" -> generate(model, request, false);
            case "streamGenerateContent" -> generate(model, request, true);
            case "embedContent" -> Reply.ok(embedding("embedding", text(request.path("content")),
                    request.path("outputDimensionality").asInt(Embeddings.DEFAULT_DIMENSIONS)));
            case "batchEmbedContents" -> batch(request);
            default -> throw ApiError.invalidUrl("POST", path.group());
        };
    }

    private Reply generate(String model, ObjectNode request, boolean stream) {
        JsonNode contents = request.get("contents");
        if (contents == null || !contents.isArray() || contents.isEmpty()) {
            throw ApiError.missing("contents");
        }
        JsonNode last = contents.get(contents.size() - 1);
        boolean afterToolResult = last.toString().contains("\"functionResponse\"");
        String userText = afterToolResult ? lastUserText(contents) : text(last);
        Optional<Answers.ToolCall> toolCall = afterToolResult ? Optional.empty()
                : Answers.toolCall(functionTools(request.get("tools")), userText);
        String text = Answers.echo(userText);
        int promptTokens = Tokens.count(text(request.path("systemInstruction")));
        for (JsonNode c : contents) {
            promptTokens += Tokens.count(text(c));
        }
        int outputTokens = toolCall.map(t -> Tokens.count(t.name()) + Tokens.count(t.arguments()))
                .orElse(Tokens.count(text));
        String id = Ids.of("", 22);
        if (!stream) {
            ObjectNode body = response(model, id, parts(text, toolCall), "STOP");
            body.set("usageMetadata", usage(promptTokens, outputTokens));
            return Reply.ok(body);
        }
        List<String> frames = new ArrayList<>();
        List<String> pieces = toolCall.isPresent() ? List.of("") : Answers.words(text);
        for (int i = 0; i < pieces.size(); i++) {
            boolean lastPiece = i == pieces.size() - 1;
            ObjectNode chunk = response(model, id,
                    toolCall.isPresent() ? parts(text, toolCall) : parts(pieces.get(i), Optional.empty()),
                    lastPiece ? "STOP" : null);
            // As the API streams it: the prompt count on every chunk, the candidates count once known.
            chunk.set("usageMetadata", lastPiece ? usage(promptTokens, outputTokens) : usage(promptTokens, -1));
            frames.add("data: " + Json.write(chunk) + "\r\n\r\n");
        }
        return new Reply.EventStream(frames);
    }

    private static ArrayNode parts(String text, Optional<Answers.ToolCall> toolCall) {
        ArrayNode parts = Json.array();
        if (toolCall.isPresent()) {
            ObjectNode call = parts.addObject().putObject("functionCall");
            call.put("name", toolCall.get().name());
            call.set("args", Json.parse(toolCall.get().arguments()));
        } else {
            parts.addObject().put("text", text);
        }
        return parts;
    }

    private static ObjectNode response(String model, String id, ArrayNode parts, String finishReason) {
        ObjectNode body = Json.object();
        ObjectNode candidate = body.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.set("parts", parts);
        content.put("role", "model");
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", 0);
        body.put("modelVersion", model);
        body.put("responseId", id);
        return body;
    }

    private static ObjectNode usage(int prompt, int candidates) {
        ObjectNode u = Json.object();
        u.put("promptTokenCount", prompt);
        if (candidates >= 0) {
            u.put("candidatesTokenCount", candidates);
        }
        u.put("totalTokenCount", prompt + Math.max(candidates, 0));
        return u;
    }

    private Reply batch(ObjectNode request) {
        JsonNode requests = request.get("requests");
        if (requests == null || !requests.isArray() || requests.isEmpty()) {
            throw ApiError.missing("requests");
        }
        ObjectNode body = Json.object();
        ArrayNode out = body.putArray("embeddings");
        for (JsonNode r : requests) {
            out.add(embedding("embedding", text(r.path("content")),
                    r.path("outputDimensionality").asInt(Embeddings.DEFAULT_DIMENSIONS)).get("embedding"));
        }
        return Reply.ok(body);
    }

    private static ObjectNode embedding(String key, String text, int dims) {
        ObjectNode body = Json.object();
        ArrayNode values = body.putObject(key).putArray("values");
        for (float v : Embeddings.vector(text, dims)) {
            values.add(v);
        }
        return body;
    }

    /** Gemini declares {functionDeclarations:[{name, parameters}]}; Answers reads {type:function, name, parameters}. */
    private static JsonNode functionTools(JsonNode tools) {
        ArrayNode out = Json.array();
        if (tools != null && tools.isArray()) {
            for (JsonNode t : tools) {
                for (JsonNode fn : t.path("functionDeclarations")) {
                    ObjectNode f = out.addObject();
                    f.put("type", "function");
                    f.put("name", fn.path("name").asText(""));
                    f.set("parameters", fn.path("parameters"));
                }
            }
        }
        return out;
    }

    /** The texts of a Content's parts, joined. */
    static String text(JsonNode content) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content.path("parts")) {
            if (part.path("text").isTextual()) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(part.path("text").asText());
            }
        }
        return sb.toString();
    }

    private static String lastUserText(JsonNode contents) {
        String t = "";
        for (JsonNode c : contents) {
            if ("user".equals(c.path("role").asText("user")) && !text(c).isEmpty()) {
                t = text(c);
            }
        }
        return t;
    }
}
