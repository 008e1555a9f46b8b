package com.acme.training;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's model-training pipeline. Calls made from {@code com.acme.training.**} belong to
 * principal {@code trainer}, which the policy lets embed text but not chat.
 */
public final class TrainingJob {
    private final OpenAIClient client;

    public TrainingJob(OpenAIClient client) {
        this.client = client;
    }

    /** Embeds one training example; returns the vector. */
    public List<Float> embed(String model, String text) {
        return client.embeddings()
                .create(EmbeddingCreateParams.builder().model(model).input(text).build())
                .data().get(0).embedding();
    }

    /** Reads a data file for training: governed by the policy's datasets, like any file read of this code. */
    public String readData(String path) throws IOException {
        return Files.readString(Path.of(path));
    }

    /** Asks a chat model to label an example: something the trainer is not allowed to do. */
    public String label(String model, String text) {
        return client.chat().completions()
                .create(ChatCompletionCreateParams.builder().model(model)
                        .addUserMessage("Label this support ticket as billing, shipping or other: " + text)
                        .build())
                .choices().get(0).message().content().orElse("");
    }
}
