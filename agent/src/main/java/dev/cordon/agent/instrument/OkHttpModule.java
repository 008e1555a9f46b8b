package dev.cordon.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cordon.agent.instrument.advice.OkHttpCallStartAdvice;
import dev.cordon.agent.instrument.advice.OkHttpChainAdvice;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** OkHttp 4 and 5 (same internal names): where a call starts, and where it enters its interceptor chain. */
final class OkHttpModule implements HookModule {
  @Override
  public AgentBuilder extend(AgentBuilder builder, WeaveReport report) {
    return builder
        .type(named("okhttp3.internal.connection.RealCall"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> execute = named("execute").and(takesArguments(0));
          ElementMatcher.Junction<MethodDescription> enqueue = named("enqueue").and(takesArguments(1));
          report.expect(type, execute, "execute");
          report.expect(type, enqueue, "enqueue");
          return b.visit(Advice.to(OkHttpCallStartAdvice.class).on(execute.or(enqueue)));
        })
        .type(named("okhttp3.internal.http.RealInterceptorChain"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> proceed = named("proceed").and(takesArguments(1));
          report.expect(type, proceed, "proceed");
          return b.visit(Advice.to(OkHttpChainAdvice.class).on(proceed));
        });
  }
}
