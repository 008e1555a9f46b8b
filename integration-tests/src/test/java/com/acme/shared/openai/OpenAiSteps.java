package com.acme.shared.openai;

import com.acme.shared.Steps;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

/** openai-java app for the overhead measurement: {@code chat:MODEL}. */
public final class OpenAiSteps extends Steps {
  private final OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(System.getProperty("fake.url")).apiKey("sk-test")
      .maxRetries(0).build();

  @Override
  protected String step(String[] parts) {
    return client.chat().completions().create(ChatCompletionCreateParams.builder().model(parts[1]).maxCompletionTokens(100)
        .addUserMessage("Where is my order 1234?").build()).choices().get(0).message().content().orElse("");
  }
}
