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

    Reply answer(String method, String path, String contentType, byte[] body) {
        String route = method + " " + path;
        switch (route) {
            case "POST /v1/chat/completions":
                return chat.handle(json(body));
            case "POST /v1/responses":
                return responses.handle(json(body));
            case "POST /v1/embeddings":
                return embeddings.handle(json(body));
            case "POST /v1/fine_tuning/jobs":
                return platform.createFineTuningJob(json(body));
            case "POST /v1/files":
                return platform.uploadFile(contentType, body);
            case "GET /v1/models":
                return platform.listModels();
            default:
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
