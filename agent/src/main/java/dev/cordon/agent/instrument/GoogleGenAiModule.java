package dev.cordon.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cordon.agent.instrument.advice.BuiltRequestAdvice;
import dev.cordon.agent.instrument.advice.FunnelMarkAdvice;
import dev.cordon.agent.instrument.advice.ResponseWrapAdvice;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Google GenAI Java 2.x ({@code com.google.genai}): every call (generateContent, streaming, async,
 * embedContent, on the Gemini API and Vertex AI) builds its OkHttp request in
 * {@code ApiClient.buildRequest(method, path, String jsonBody, options)} on the caller's thread,
 * and wraps the OkHttp response in {@code HttpApiResponse}. {@code HttpApiClient.request/asyncRequest}
 * carry the governed-call marker for the OkHttp transport below.
 */
final class GoogleGenAiModule implements HookModule {
  @Override
  public AgentBuilder extend(AgentBuilder builder, WeaveReport report) {
    return builder
        .type(named("com.google.genai.ApiClient"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> build = named("buildRequest").and(takesArguments(4))
              .and(takesArgument(2, String.class));
          report.expect(type, build, "buildRequest(String, String, String, Optional)");
          return b.visit(Advice.to(BuiltRequestAdvice.class).on(build));
        })
        .type(named("com.google.genai.HttpApiClient"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> send = namedOneOf("request", "asyncRequest").and(takesArguments(4));
          report.expect(type, send, "request/asyncRequest");
          return b.visit(Advice.to(FunnelMarkAdvice.class).on(send));
        })
        .type(named("com.google.genai.HttpApiResponse"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> ctor = isConstructor().and(takesArguments(1))
              .and(takesArgument(0, named("okhttp3.Response")));
          report.expect(type, ctor, "HttpApiResponse(okhttp3.Response)");
          return b.visit(Advice.to(ResponseWrapAdvice.class).on(ctor));
        });
  }
}
