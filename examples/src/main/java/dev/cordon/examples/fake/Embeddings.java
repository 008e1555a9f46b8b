package dev.cordon.examples.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * POST /v1/embeddings, shaped like the recorded response. Vectors are small (8 dimensions unless
 * the request asks for {@code dimensions}), unit length, and derived from a SHA-256 of the input,
 * so equal inputs get equal vectors. {@code encoding_format: base64} (the openai-java SDK's
 * default) answers little-endian float32 bytes in base64, as the real API does.
 */
final class Embeddings {
    static final int DEFAULT_DIMENSIONS = 8;
    private static final int MAX_DIMENSIONS = 4096;
    private static final ObjectNode TEMPLATE = Json.objectResource("embeddings.json");

    Reply handle(ObjectNode request) {
        String model = Endpoints.requireModel(request);
        List<String> inputs = inputs(request.get("input"));
        int dims = request.path("dimensions").asInt(DEFAULT_DIMENSIONS);
        if (dims < 1 || dims > MAX_DIMENSIONS) {
            throw ApiError.invalid("dimensions", "dimensions must be between 1 and " + MAX_DIMENSIONS + ".");
        }
        boolean base64 = "base64".equals(request.path("encoding_format").asText());

        ObjectNode body = TEMPLATE.deepCopy();
        ArrayNode data = Json.array();
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            ObjectNode item = (ObjectNode) TEMPLATE.at("/data/0").deepCopy();
            item.put("index", i);
            float[] vector = vector(inputs.get(i), dims);
            if (base64) {
                item.put("embedding", toBase64(vector));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float v : vector) {
                    values.add(v);
                }
            }
            data.add(item);
            tokens += Tokens.count(inputs.get(i));
        }
        body.set("data", data);
        body.put("model", model);
        ((ObjectNode) body.get("usage")).put("prompt_tokens", tokens).put("total_tokens", tokens);
        return Reply.ok(body);
    }

    /** input: a string, an array of strings, an array of token ids, or an array of such arrays. */
    private static List<String> inputs(JsonNode input) {
        if (input == null || input.isNull()) {
            throw ApiError.missing("input");
        }
        List<String> out = new ArrayList<>();
        if (input.isTextual()) {
            out.add(input.asText());
        } else if (input.isArray() && input.size() > 0 && input.get(0).isNumber()) {
            out.add(input.toString()); // one tokenised input
        } else if (input.isArray()) {
            for (JsonNode each : input) {
                out.add(each.isTextual() ? each.asText() : each.toString());
            }
        } else {
            throw ApiError.invalid("input", "'input' must be a string or an array.");
        }
        if (out.isEmpty()) {
            throw ApiError.invalid("input", "'input' must not be empty.");
        }
        return out;
    }

    static float[] vector(String text, int dims) {
        float[] v = new float[dims];
        double norm = 0;
        byte[] seed = sha256(text.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < dims; i++) {
            if (i > 0 && i % seed.length == 0) {
                seed = sha256(seed); // more bytes for large dimensions
            }
            v[i] = (seed[i % seed.length] / 128f);
            norm += v[i] * v[i];
        }
        float scale = norm == 0 ? 1 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dims; i++) {
            v[i] *= scale;
        }
        return v;
    }

    private static String toBase64(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : vector) {
            buffer.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
