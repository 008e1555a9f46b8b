package dev.cordon.examples.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Shared Jackson mapper, template loading and small helpers for reading request bodies. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A template shipped beside this class (see the README in the resources folder). */
    static String resource(String name) {
        try (InputStream in = Json.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode objectResource(String name) {
        try {
            return (ObjectNode) MAPPER.readTree(resource(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON objects of the {@code data:} lines of a recorded SSE body, in order. */
    static List<ObjectNode> sseResource(String name) {
        List<ObjectNode> chunks = new ArrayList<>();
        for (String line : resource(name).split("\n")) {
            if (line.startsWith("data: {")) {
                try {
                    chunks.add((ObjectNode) MAPPER.readTree(line.substring("data: ".length())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return chunks;
    }

    /**
     * The text of a message {@code content}: either a plain string or an array of parts
     * ({@code {"type":"text"|"input_text","text":...}}), whose texts are joined with a space.
     */
    static String text(JsonNode content) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                JsonNode t = part.isTextual() ? part : part.get("text");
                if (t != null && t.isTextual()) {
                    if (sb.length() > 0) {
                        sb.append(' ');
                    }
                    sb.append(t.asText());
                }
            }
            return sb.toString();
        }
        return content.toString();
    }

    /** The text of the last element of {@code messages} whose role is "user", or "". */
    static String lastUserText(JsonNode messages) {
        String last = "";
        if (messages != null && messages.isArray()) {
            for (JsonNode m : messages) {
                if ("user".equals(m.path("role").asText())) {
                    last = text(m.get("content"));
                }
            }
        }
        return last;
    }

    /** Every message text, for token estimates. */
    static String allTexts(JsonNode messages) {
        StringBuilder sb = new StringBuilder();
        if (messages != null && messages.isArray()) {
            for (JsonNode m : messages) {
                sb.append(text(m.get("content"))).append('\n');
            }
        }
        return sb.toString();
    }
}
