package dev.cordon.examples.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the fake "model" says. Deterministic, so tests can assert on it: it echoes the last user
 * message, or, when tools are declared and that message mentions a tool, calls the first tool;
 * "call tool NAME" makes it call NAME, declared or not.
 */
final class Answers {
    static final int ECHO_LIMIT = 200;
    private static final int ARGUMENT_LIMIT = 50;
    private static final Pattern MENTIONS_TOOL = Pattern.compile("(?i)\\btool");
    private static final Pattern FORCED_TOOL = Pattern.compile("(?i)\\bcall tool ([A-Za-z0-9_-]+)");

    /** A tool call the fake decides to make: the tool's name and its JSON arguments. */
    record ToolCall(String name, String arguments) {}

    private Answers() {}

    static String echo(String userText) {
        String t = userText.length() > ECHO_LIMIT ? userText.substring(0, ECHO_LIMIT) : userText;
        return "Echo: " + t;
    }

    /**
     * A call to the first declared function tool when the user text contains the word "tool".
     * Accepts both tool shapes: Chat Completions ({@code {"type":"function","function":{"name":..}}})
     * and Responses ({@code {"type":"function","name":..}}).
     */
    static Optional<ToolCall> toolCall(JsonNode tools, String userText) {
        // "call tool NAME": a model asking for a tool it was not given (e.g. after a prompt injection).
        java.util.regex.Matcher forced = FORCED_TOOL.matcher(userText);
        if (forced.find()) {
            return Optional.of(new ToolCall(forced.group(1), "{}"));
        }
        if (tools == null || !tools.isArray() || !MENTIONS_TOOL.matcher(userText).find()) {
            return Optional.empty();
        }
        for (JsonNode tool : tools) {
            JsonNode fn = tool.has("function") ? tool.get("function") : tool;
            String name = fn.path("name").asText("");
            if (!name.isEmpty() && "function".equals(tool.path("type").asText("function"))) {
                return Optional.of(new ToolCall(name, arguments(fn.path("parameters"), userText)));
            }
        }
        return Optional.empty();
    }

    /** {@code {"<first required (else first) property>": "<start of the user text>"}}, or {}. */
    private static String arguments(JsonNode parameters, String userText) {
        String property = null;
        JsonNode required = parameters.path("required");
        if (required.isArray() && required.size() > 0) {
            property = required.get(0).asText();
        } else if (parameters.path("properties").isObject() && parameters.path("properties").size() > 0) {
            property = parameters.path("properties").fieldNames().next();
        }
        ObjectNode args = Json.object();
        if (property != null) {
            args.put(property, userText.length() > ARGUMENT_LIMIT ? userText.substring(0, ARGUMENT_LIMIT) : userText);
        }
        return Json.write(args);
    }

    /** Splits text the way the real API streams it: "Atlantic", " Ocean", "." -> word pieces. */
    static List<String> words(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        if (start < text.length()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }

    /** Fixed-size pieces, as tool-call arguments are streamed ("{\"lo", "catio", ...). */
    static List<String> slices(String text, int size) {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            pieces.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        return pieces;
    }
}
