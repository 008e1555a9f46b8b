package dev.cordon.examples.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire itself, with the JDK's HttpClient: errors, SSE framing, recording, latency, load. */
class RawHttpTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private FakeOpenAiServer server;

    @BeforeEach
    void start() {
        server = FakeOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Custom-Header", "Value")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        JsonNode error = Json.MAPPER.readTree(response.body()).get("error");
        assertTrue(error.has("message") && error.has("type") && error.has("param") && error.has("code"), response.body());
        return error;
    }

    @Test
    void baseUrlIsLoopbackWithV1() {
        assertEquals("http://127.0.0.1:" + server.port() + "/v1", server.baseUrl());
        assertTrue(server.port() > 0);
    }

    @Test
    void unknownPathIs404InOpenAiShape() throws Exception {
        HttpResponse<String> r = post("/nope", "{}");
        assertEquals(404, r.statusCode());
        assertEquals("Invalid URL (POST /v1/nope)", error(r).get("message").asText());
        assertEquals("invalid_request_error", error(r).get("type").asText());
        assertEquals(1, server.requests().size(), "unknown requests are recorded too");
    }

    @Test
    void wrongMethodIs404() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode());
        error(r);
    }

    @Test
    void badJsonIs400() throws Exception {
        HttpResponse<String> r = post("/chat/completions", "{not json");
        assertEquals(400, r.statusCode());
        assertTrue(error(r).get("message").asText().contains("could not parse the JSON body"));
    }

    @Test
    void missingModelAndMessagesAre400() throws Exception {
        assertEquals("model", error(post("/chat/completions", "{\"messages\":[]}")).get("param").asText());
        assertEquals("messages", error(post("/chat/completions", "{\"model\":\"gpt-4o-mini\"}")).get("param").asText());
    }

    @Test
    void recordsMethodPathLowerCasedHeadersAndBody() throws Exception {
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        post("/chat/completions", body);
        FakeOpenAiServer.RecordedRequest r = server.requests().get(0);
        assertEquals("POST", r.method());
        assertEquals("/v1/chat/completions", r.path());
        assertEquals("Value", r.headers().get("x-custom-header"));
        assertEquals(body, r.body());
        server.clear();
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void streamIsFramedLikeTheRecording() throws Exception {
        HttpResponse<String> r = post("/chat/completions", "{\"model\":\"gpt-4o-mini\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"one two\"}]}");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        String[] frames = r.body().split("\n\n");
        assertTrue(r.body().endsWith("data: [DONE]\n\n"));
        List<JsonNode> chunks = new ArrayList<>();
        for (String f : frames) {
            assertTrue(f.startsWith("data: "), f);
            if (!f.equals("data: [DONE]")) {
                chunks.add(Json.MAPPER.readTree(f.substring(6)));
            }
        }
        assertEquals("assistant", chunks.get(0).at("/choices/0/delta/role").asText());
        assertEquals("chat.completion.chunk", chunks.get(0).get("object").asText());
        assertTrue(chunks.get(0).get("usage").isNull());
        StringBuilder content = new StringBuilder();
        chunks.forEach(c -> content.append(c.at("/choices/0/delta/content").asText("")));
        assertEquals("Echo: one two", content.toString());
        JsonNode last = chunks.get(chunks.size() - 1);
        assertEquals(0, last.get("choices").size());
        assertEquals(last.at("/usage/prompt_tokens").asInt() + last.at("/usage/completion_tokens").asInt(),
                last.at("/usage/total_tokens").asInt());
    }

    @Test
    void responsesStreamHasEventLines() throws Exception {
        HttpResponse<String> r = post("/responses", "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"input\":\"hi\"}");
        assertTrue(r.body().startsWith("event: response.created\ndata: {"), r.body());
        assertTrue(r.body().contains("event: response.completed\n"));
        assertTrue(!r.body().contains("[DONE]"), "the Responses API ends without [DONE]");
    }

    @Test
    void latencyDelaysTheAnswer() throws Exception {
        server.setLatencyMillis(300);
        long start = System.nanoTime();
        post("/chat/completions", "{\"model\":\"m\",\"messages\":[]}");
        assertTrue(System.nanoTime() - start >= 290_000_000L);
    }

    @Test
    void largeBodiesAndConcurrentClientsAreFine() throws Exception {
        String big = "y".repeat(3_000_000);
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}";
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertEquals(200, call.get().statusCode());
        }
        assertEquals(8, server.requests().size());
        assertEquals(body.length(), server.requests().get(7).body().length());
    }

    @Test
    void closeReleasesThePort() throws Exception {
        int port = server.port();
        server.close();
        server = FakeOpenAiServer.start(port);
        assertEquals(port, server.port());
    }
}
