package dev.cordon.agent.runtime;

import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.sdk.BedrockHooks;
import dev.cordon.agent.sdk.GoogleGenAiHooks;
import dev.cordon.agent.sdk.LangChain4jHooks;
import dev.cordon.agent.sdk.SpringAiHooks;
import dev.cordon.agent.sdk.StainlessSdkHooks;
import dev.cordon.bootstrap.Hooks;

/** The agent's side of {@link dev.cordon.bootstrap.Dispatch}: routes each hook to the code that governs it. */
public final class CordonHooks implements Hooks {
  private final AiGovernor governor;
  private final StainlessSdkHooks stainless;
  private final LangChain4jHooks langchain4j;
  private final GoogleGenAiHooks googleGenAi;
  private final SpringAiHooks springAi;
  private final BedrockHooks bedrock;

  private final AgentRuntime runtime;

  public CordonHooks(AgentRuntime runtime) {
    this.runtime = runtime;
    this.governor = new AiGovernor(runtime);
    this.stainless = new StainlessSdkHooks(governor);
    this.langchain4j = new LangChain4jHooks(governor);
    this.googleGenAi = new GoogleGenAiHooks(governor);
    this.springAi = new SpringAiHooks(governor);
    this.bedrock = new BedrockHooks(governor);
  }

  @Override
  public Object aiRequestPrepared(String origin, Object request, Object clientOptions) {
    try {
      if (origin.startsWith("dev.langchain4j.")) return langchain4j.prepared(request);
      if (origin.startsWith("com.google.genai.")) return googleGenAi.prepared(request, clientOptions);
      if (origin.startsWith("org.springframework.ai.")) return springAi.prepared(request, clientOptions);
      if (origin.startsWith("software.amazon.awssdk.")) return bedrock.prepared(request, clientOptions);
      return stainless.prepared(sdkOf(origin), request, clientOptions);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public Object aiResponse(Object request, Object response, Throwable thrown) {
    if (LangChain4jHooks.owns(request)) return langchain4j.response(request, response, thrown);
    if (SpringAiHooks.owns(request)) return springAi.response(request, response, thrown);
    if (BedrockHooks.owns(request)) return bedrock.response(request, response);
    return stainless.response(request, response, thrown);
  }

  @Override
  public Object aiResponseAsync(Object request, Object future) {
    return stainless.responseAsync(request, future);
  }

  @Override
  public Object aiTransportResponse(String origin, Object response) {
    if (origin.startsWith("com.google.genai.")) return googleGenAi.response(response);
    return response;
  }

  @Override
  public Object aiStreamListener(Object request, Object listener) {
    if (LangChain4jHooks.owns(request)) return langchain4j.listener(request, listener);
    return listener;
  }

  @Override
  public Object aiNoRetryOnDeny(Object callable, Class<?> owner) {
    return LangChain4jHooks.noRetryOnDeny(callable, owner);
  }

  @Override
  public Object inboundHeaders(Object servletRequest) {
    PolicyState st = runtime.current();
    if (st == null || st.policy() == null || !st.policy().principalSelector().usesHeaders()) return null;
    return dev.cordon.agent.principal.InboundHeaders.snapshot(servletRequest, st.policy().principalSelector().headerNames());
  }

  @Override
  public RuntimeException fault(String where, Throwable fault) {
    return governor.fault(where, fault);
  }

  /** The advice passes the instrumented class's name; its package names the SDK. */
  private static String sdkOf(String origin) {
    return origin.startsWith("com.anthropic.") ? "anthropic" : "openai";
  }
}
