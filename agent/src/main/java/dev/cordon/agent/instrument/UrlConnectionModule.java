package dev.cordon.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cordon.agent.instrument.advice.UrlConnectionFieldsAdvice;
import dev.cordon.agent.instrument.advice.UrlConnectionInputAdvice;
import dev.cordon.agent.instrument.advice.UrlConnectionLengthAdvice;
import dev.cordon.agent.instrument.advice.UrlConnectionWriteAdvice;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** The JDK's {@code HttpURLConnection} for http and https (HttpsURLConnectionImpl delegates to it). */
final class UrlConnectionModule implements HookModule {
  @Override
  public AgentBuilder extend(AgentBuilder builder, WeaveReport report) {
    return builder
        .type(named("sun.net.www.protocol.http.HttpURLConnection"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> write = named("writeRequests").and(takesArguments(0));
          ElementMatcher.Junction<MethodDescription> input = named("getInputStream").and(takesArguments(0));
          ElementMatcher.Junction<MethodDescription> header = named("getHeaderField").and(takesArguments(String.class));
          ElementMatcher.Junction<MethodDescription> fields = named("getHeaderFields").and(takesArguments(0));
          report.expect(type, write, "writeRequests");
          report.expect(type, input, "getInputStream");
          report.expect(type, header, "getHeaderField");
          report.expect(type, fields, "getHeaderFields");
          return b.visit(Advice.to(UrlConnectionWriteAdvice.class).on(write))
              .visit(Advice.to(UrlConnectionInputAdvice.class).on(input))
              .visit(Advice.to(UrlConnectionLengthAdvice.class).on(header))
              .visit(Advice.to(UrlConnectionFieldsAdvice.class).on(fields));
        });
  }
}
