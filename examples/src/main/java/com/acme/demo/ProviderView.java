package com.acme.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cordon.examples.fake.FakeOpenAiServer.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Shows what the fake provider actually received, so the audience can check that a blocked call
 * never left the JVM and that redacted text never reached the provider.
 */
final class ProviderView {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT = 110;

    private ProviderView() {}

    /** The last user message (chat) or input (embeddings) of a request body, else the raw body. */
    static String prompt(RecordedRequest request) {
        try {
            JsonNode body = JSON.readTree(request.body());
            JsonNode messages = body.path("messages");
            if (messages.isArray() && messages.size() > 0) {
                return messages.get(messages.size() - 1).path("content").asText();
            }
            if (body.has("input")) {
                return body.get("input").isTextual() ? body.get("input").asText() : body.get("input").toString();
            }
        } catch (IOException e) {
            // not JSON: fall through to the raw body
        }
        return request.body();
    }

    /** One line per request: method, path, model, the output cap if any, the prompt's start. */
    static String summary(RecordedRequest request) {
        String model = "";
        String cap = "";
        try {
            JsonNode body = JSON.readTree(request.body());
            model = body.path("model").asText("");
            for (String field : List.of("max_completion_tokens", "max_tokens", "max_output_tokens")) {
                if (body.has(field)) {
                    cap = field + "=" + body.get(field).asText() + " ";
                }
            }
        } catch (IOException e) {
            // not JSON
        }
        return String.format("%s %-22s %-22s %s%s", request.method(), request.path(), model, cap,
                excerpt(prompt(request)));
    }

    /** The whole text on one line, quoted: for the prompt whose redaction the demo shows. */
    static String quoted(String s) {
        return "\"" + s.replaceAll("\\s+", " ").trim() + "\"";
    }

    static String excerpt(String s) {
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return "\"" + (oneLine.length() <= EXCERPT ? oneLine : oneLine.substring(0, EXCERPT) + "...") + "\"";
    }

    static void printAll(java.io.PrintStream out, List<RecordedRequest> requests) {
        out.println("What the fake OpenAI server received (" + requests.size() + " requests):");
        for (RecordedRequest r : requests) {
            out.println("    " + summary(r));
        }
    }

    /**
     * Where the Cordon agent writes the audit: the shipped cordon.yaml says {@code audit.file:
     * cordon-audit.jsonl}, relative to the policy's folder; the policy is found as the agent finds
     * it (system property cordon.policy, env CORDON_POLICY, else ./cordon.yaml).
     */
    static Path auditLog() {
        String policy = System.getProperty("cordon.policy", System.getenv("CORDON_POLICY"));
        Path folder = policy == null ? Path.of("") : Path.of(policy).toAbsolutePath().getParent();
        return folder.toAbsolutePath().resolve("cordon-audit.jsonl").normalize();
    }

    static boolean exists(Path p) {
        return Files.isRegularFile(p);
    }
}
