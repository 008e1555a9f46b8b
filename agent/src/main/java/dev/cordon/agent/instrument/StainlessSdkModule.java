package dev.cordon.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cordon.agent.instrument.advice.ExecuteAdvice;
import dev.cordon.agent.instrument.advice.ExecuteAsyncAdvice;
import dev.cordon.agent.instrument.advice.PrepareRequestAdvice;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The Stainless-generated SDKs (openai-java, anthropic-java): {@code PrepareRequest.prepare} on the
 * caller's thread, {@code RetryingHttpClient.execute/executeAsync} for the response.
 */
final class StainlessSdkModule implements HookModule {
  @Override
  public AgentBuilder extend(AgentBuilder builder, WeaveReport report) {
    return builder
        .type(namedOneOf("com.openai.core.PrepareRequest", "com.anthropic.core.PrepareRequest"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> prepare = named("prepare").and(isStatic())
              .and(returns(named(type.getPackage().getName() + ".http.HttpRequest")));
          report.expect(type, prepare, "prepare");
          return b.visit(Advice.to(PrepareRequestAdvice.class).on(prepare));
        })
        .type(namedOneOf("com.openai.core.http.RetryingHttpClient", "com.anthropic.core.http.RetryingHttpClient"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> execute = named("execute").and(takesArguments(2));
          ElementMatcher.Junction<MethodDescription> executeAsync = named("executeAsync").and(takesArguments(2));
          report.expect(type, execute, "execute");
          report.expect(type, executeAsync, "executeAsync");
          return b.visit(Advice.to(ExecuteAdvice.class).on(execute))
              .visit(Advice.to(ExecuteAsyncAdvice.class).on(executeAsync));
        });
  }
}
