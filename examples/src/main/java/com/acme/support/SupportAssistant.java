package com.acme.support;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;

/**
 * The demo's customer-support code. Cordon's policy maps every AI call made from this package
 * ({@code com.acme.support.**}) to principal {@code support-bot}: the agent finds these frames on
 * the stack, so this class needs no Cordon API at all.
 */
public final class SupportAssistant {
    private static final String SYSTEM = "You are a concise customer-support assistant for ACME.";

    private final OpenAIClient client;

    public SupportAssistant(OpenAIClient client) {
        this.client = client;
    }

    /** One chat turn with the given model; no output cap (Cordon applies the policy's). */
    public String answer(String model, String question) {
        return ask(base(model, question).build());
    }

    /** One chat turn that asks for an explicit output cap. */
    public String answer(String model, String question, long maxCompletionTokens) {
        return ask(base(model, question).maxCompletionTokens(maxCompletionTokens).build());
    }

    /** A streamed answer (with the usage chunk at the end), reassembled from its deltas. */
    public StreamedAnswer streamAnswer(String model, String question) {
        ChatCompletionCreateParams params = base(model, question)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        StringBuilder text = new StringBuilder();
        int chunks = 0;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                chunks++;
                chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
            }
        }
        return new StreamedAnswer(text.toString(), chunks);
    }

    /** What a streamed call produced: the reassembled text and how many chunks carried it. */
    public record StreamedAnswer(String text, int chunks) {}

    private static ChatCompletionCreateParams.Builder base(String model, String question) {
        return ChatCompletionCreateParams.builder().model(model).addSystemMessage(SYSTEM).addUserMessage(question);
    }

    private String ask(ChatCompletionCreateParams params) {
        return client.chat().completions().create(params).choices().get(0).message().content().orElse("");
    }
}
