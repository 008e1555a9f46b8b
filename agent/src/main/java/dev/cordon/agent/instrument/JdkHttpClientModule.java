package dev.cordon.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cordon.agent.instrument.advice.JdkSendAdvice;
import dev.cordon.agent.instrument.advice.JdkSendAsyncAdvice;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** The JDK's {@code java.net.http.HttpClient} (Java 11 to 25): the private four-argument {@code sendAsync}. */
final class JdkHttpClientModule implements HookModule {
  @Override
  public AgentBuilder extend(AgentBuilder builder, WeaveReport report) {
    return builder
        .type(named("jdk.internal.net.http.HttpClientImpl"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> sendAsync = named("sendAsync").and(takesArguments(4)).and(isPrivate());
          ElementMatcher.Junction<MethodDescription> send = named("send").and(takesArguments(2));
          report.expect(type, sendAsync, "sendAsync");
          report.expect(type, send, "send");
          return b.visit(Advice.to(JdkSendAsyncAdvice.class).on(sendAsync))
              .visit(Advice.to(JdkSendAdvice.class).on(send));
        });
  }
}
