package dev.cordon.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cordon.agent.instrument.advice.FunnelMarkAdvice;
import dev.cordon.agent.instrument.advice.InterceptorChainAdvice;
import dev.cordon.agent.instrument.advice.InterceptorFailureAdvice;
import dev.cordon.agent.instrument.advice.InterceptorResponseAdvice;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * AWS SDK v2, Bedrock Runtime: the SDK's own interceptor chain sees every operation's marshalled
 * JSON request before SigV4 signing (converse, converseStream, invokeModel,
 * invokeModelWithResponseStream, sync and async) and its HTTP response; the agent acts only on
 * Bedrock Runtime requests. The generated clients' operations carry the governed-call marker for
 * the HTTP client below.
 */
final class BedrockModule implements HookModule {
  @Override
  public AgentBuilder extend(AgentBuilder builder, WeaveReport report) {
    return builder
        .type(named("software.amazon.awssdk.core.interceptor.ExecutionInterceptorChain"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> request = named("modifyHttpRequestAndHttpContent").and(takesArguments(2));
          ElementMatcher.Junction<MethodDescription> response = namedOneOf("modifyHttpResponse", "modifyAsyncHttpResponse")
              .and(takesArguments(2));
          ElementMatcher.Junction<MethodDescription> failure = named("onExecutionFailure").and(takesArguments(2));
          report.expect(type, request, "modifyHttpRequestAndHttpContent");
          report.expect(type, response, "modifyHttpResponse/modifyAsyncHttpResponse");
          report.expect(type, failure, "onExecutionFailure");
          return b.visit(Advice.to(InterceptorChainAdvice.class).on(request))
              .visit(Advice.to(InterceptorResponseAdvice.class).on(response))
              .visit(Advice.to(InterceptorFailureAdvice.class).on(failure));
        })
        .type(namedOneOf(Targets.BEDROCK_CLIENTS.stream().map(n -> n.replace('/', '.')).toArray(String[]::new)))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> ops = isPublic().and(not(isStatic()))
              .and(namedOneOf("converse", "converseStream", "invokeModel", "invokeModelWithResponseStream"));
          report.expect(type, ops, "converse/converseStream/invokeModel/invokeModelWithResponseStream");
          return b.visit(Advice.to(FunnelMarkAdvice.class).on(ops));
        });
  }
}
