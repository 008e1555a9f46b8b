package dev.cordon.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import dev.cordon.agent.instrument.advice.ApiFunnelAdvice;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Spring AI 1.x OpenAI ({@code org.springframework.ai.openai.api.OpenAiApi}): every ChatModel
 * call/stream, ChatClient and EmbeddingModel call reaches {@code chatCompletionEntity},
 * {@code chatCompletionStream} or {@code embeddings} with the library's own request record, above
 * RestClient/WebClient (whose streaming bodies the transports cannot read). Spring AI 2.x sits on
 * openai-java and is governed there; its OpenAiApi no longer has these methods.
 */
final class SpringAiModule implements HookModule {
  @Override
  public AgentBuilder extend(AgentBuilder builder, WeaveReport report) {
    return builder
        .type(named("org.springframework.ai.openai.api.OpenAiApi"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> calls = isPublic()
              .and(namedOneOf("chatCompletionEntity", "chatCompletionStream", "embeddings"));
          report.expect(type, calls, "chatCompletionEntity/chatCompletionStream/embeddings");
          return b.visit(Advice.to(ApiFunnelAdvice.class).on(calls));
        });
  }
}
