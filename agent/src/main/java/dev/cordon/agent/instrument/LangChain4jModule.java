package dev.cordon.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cordon.agent.instrument.advice.HttpFunnelAdvice;
import dev.cordon.agent.instrument.advice.HttpStreamFunnelAdvice;
import dev.cordon.agent.instrument.advice.NoRetryOnDenyAdvice;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * LangChain4j 1.x: every provider module (OpenAI, Anthropic, Gemini, Ollama, ...) sends through
 * {@code dev.langchain4j.http.client.HttpClient}, whose implementations (JDK, Spring RestClient,
 * the logging decorator) take a request with the full URL and a String JSON body: one funnel
 * below every ChatModel, StreamingChatModel, EmbeddingModel and AiServices call, above the
 * transport. And {@code RetryPolicy.withRetry}, so that a deny is not retried.
 */
final class LangChain4jModule implements HookModule {
  static final String HTTP_CLIENT = "dev.langchain4j.http.client.HttpClient";
  static final String HTTP_REQUEST = "dev.langchain4j.http.client.HttpRequest";

  @Override
  public AgentBuilder extend(AgentBuilder builder, WeaveReport report) {
    return builder
        .type(nameStartsWith(Targets.LC4J_HTTP_PACKAGE).and(not(isInterface())).and(not(isAbstract()))
            .and(hasSuperType(named(HTTP_CLIENT))))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> sync = named("execute").and(takesArguments(1))
              .and(takesArgument(0, named(HTTP_REQUEST)));
          ElementMatcher.Junction<MethodDescription> stream = named("execute").and(takesArguments(3))
              .and(takesArgument(0, named(HTTP_REQUEST)));
          report.expect(type, sync, "execute(HttpRequest)");
          report.expect(type, stream, "execute(HttpRequest, ServerSentEventParser, ServerSentEventListener)");
          return b.visit(Advice.to(HttpFunnelAdvice.class).on(sync))
              .visit(Advice.to(HttpStreamFunnelAdvice.class).on(stream));
        })
        .type(named(Targets.LC4J_RETRY_POLICY.replace('/', '.')))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> withRetry = named("withRetry").and(takesArguments(2))
              .and(takesArgument(0, named("java.util.concurrent.Callable")));
          report.expect(type, withRetry, "withRetry(Callable, int)");
          return b.visit(Advice.to(NoRetryOnDenyAdvice.class).on(withRetry));
        });
  }
}
