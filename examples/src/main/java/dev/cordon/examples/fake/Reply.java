package dev.cordon.examples.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What an endpoint answers: one JSON document, or a list of SSE frames sent one by one. */
sealed interface Reply {
    record JsonReply(int status, JsonNode body) implements Reply {}

    /** Each frame is complete ("data: {...}\n\n"); the server flushes after each one. */
    record EventStream(List<String> frames) implements Reply {}

    /** Binary frames (AWS event stream) sent one by one with this content type. */
    record BinaryStream(String contentType, List<byte[]> frames) implements Reply {}

    static Reply ok(JsonNode body) {
        return new JsonReply(200, body);
    }

    static String data(JsonNode json) {
        return "data: " + Json.write(json) + "\n\n";
    }

    static String event(String type, JsonNode json) {
        return "event: " + type + "\n" + data(json);
    }

    String DONE = "data: [DONE]\n\n";
}
