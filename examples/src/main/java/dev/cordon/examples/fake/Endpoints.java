package dev.cordon.examples.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Routes one request to its endpoint; anything unknown is OpenAI's 404 "Invalid URL". */
final class Endpoints {
    private static final ObjectReader READER = Json.MAPPER.reader();

    final ChatCompletions chat = new ChatCompletions();
    private final Responses responses = new Responses();
    private final Embeddings embeddings = new Embeddings();
    private final Platform platform = new Platform();
    private final AnthropicMessages anthropic = new AnthropicMessages();
    private final GeminiModels gemini = new GeminiModels();
    private final BedrockRuntime bedrock = new BedrockRuntime();
    private final OllamaApi ollama = new OllamaApi();

    Reply answer(String method, String path, String contentType, byte[] body) {
        String route = method + " " + path;
        switch (route) {
            case "POST /v1/chat/completions":
                return chat.handle(json(body));
            case "POST /v1/responses":
                return responses.handle(json(body));
            case "POST /v1/embeddings":
                return embeddings.handle(json(body));
            case "POST /v1/messages":
                return anthropic.handle(json(body));
            case "POST /api/chat":
                return ollama.chat(json(body), false);
            case "POST /api/generate":
                return ollama.chat(json(body), true);
            case "POST /api/embed":
                return ollama.embed(json(body));
            case "POST /v1/fine_tuning/jobs":
                return platform.createFineTuningJob(json(body));
            case "POST /v1/files":
                return platform.uploadFile(contentType, body);
            case "GET /v1/models":
                return platform.listModels();
            default:
                java.util.regex.Matcher g = GeminiModels.PATH.matcher(path);
                if ("POST".equals(method) && g.matches()) {
                    return gemini.handle(g, json(body));
                }
                java.util.regex.Matcher b = BedrockRuntime.PATH.matcher(path);
                if ("POST".equals(method) && b.matches()) {
                    return bedrock.handle(b, json(body));
                }
                throw ApiError.invalidUrl(method, path);
        }
    }

    static String requireModel(ObjectNode request) {
        JsonNode model = request.get("model");
        if (model == null || !model.isTextual() || model.asText().isEmpty()) {
            throw ApiError.invalid("model", "you must provide a model parameter");
        }
        return model.asText();
    }

    private static ObjectNode json(byte[] body) {
        try {
            JsonNode node = READER.readTree(body);
            if (node instanceof ObjectNode) {
                return (ObjectNode) node;
            }
        } catch (IOException e) {
            // answered below as OpenAI does
        }
        throw ApiError.badJson();
    }
}
