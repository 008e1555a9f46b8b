package dev.cordon.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cordon.agent.instrument.advice.ApacheAsyncExecuteAdvice;
import dev.cordon.agent.instrument.advice.ApacheExecuteAdvice;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Apache HttpClient 5.x (classic and async) and 4.5.x (classic): the protected {@code doExecute} of
 * the client implementations, the one method every public {@code execute} overload reaches.
 */
final class ApacheHttpClientModule implements HookModule {
  @Override
  public AgentBuilder extend(AgentBuilder builder, WeaveReport report) {
    ElementMatcher.Junction<MethodDescription> classic = named("doExecute").and(takesArguments(3)).and(not(isAbstract()));
    ElementMatcher.Junction<MethodDescription> async = named("doExecute").and(takesArguments(6)).and(not(isAbstract()));
    return builder
        .type(namedOneOf(Targets.APACHE_CLASSIC.stream().map(n -> n.replace('/', '.')).toArray(String[]::new)))
        .transform((b, type, loader, module, pd) -> {
          report.expect(type, classic, "doExecute");
          return b.visit(Advice.to(ApacheExecuteAdvice.class).on(classic));
        })
        .type(namedOneOf(Targets.APACHE_ASYNC.stream().map(n -> n.replace('/', '.')).toArray(String[]::new)))
        .transform((b, type, loader, module, pd) -> {
          report.expect(type, async, "doExecute");
          return b.visit(Advice.to(ApacheAsyncExecuteAdvice.class).on(async));
        });
  }
}
