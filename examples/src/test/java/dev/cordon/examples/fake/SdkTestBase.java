package dev.cordon.examples.fake;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

/**
 * A fake server and a real SDK client pointed at it. Response validation is on, so the SDK
 * rejects any body that lacks a field its model classes require: the fake's format is checked by
 * the SDK itself, not by assertions written from memory.
 */
abstract class SdkTestBase {
    protected FakeOpenAiServer server;
    protected OpenAIClient client;

    @org.junit.jupiter.api.BeforeEach
    void startServer() {
        server = FakeOpenAiServer.start();
        client = OpenAIOkHttpClient.builder()
                .baseUrl(server.baseUrl())
                .apiKey("sk-test-not-a-real-key")
                .responseValidation(true)
                .maxRetries(0)
                .build();
    }

    @org.junit.jupiter.api.AfterEach
    void stopServer() {
        client.close();
        server.close();
    }

    protected FakeOpenAiServer.RecordedRequest onlyRequest() {
        org.junit.jupiter.api.Assertions.assertEquals(1, server.requests().size(), "requests recorded");
        return server.requests().get(0);
    }
}
