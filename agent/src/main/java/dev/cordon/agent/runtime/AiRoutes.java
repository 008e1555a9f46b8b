package dev.cordon.agent.runtime;

import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.sdk.BedrockHooks;
import dev.cordon.agent.sdk.GoogleGenAiHooks;
import dev.cordon.agent.sdk.LangChain4jHooks;
import dev.cordon.agent.sdk.SpringAiHooks;
import dev.cordon.agent.sdk.StainlessSdkHooks;
import dev.cordon.agent.transport.TransportHooks;

/** The AI side of the hooks, built by {@link CordonHooks} on the first AI hook (or the first fault). */
final class AiRoutes {
  final AiGovernor governor;
  final StainlessSdkHooks stainless;
  final LangChain4jHooks langchain4j;
  final GoogleGenAiHooks googleGenAi;
  final SpringAiHooks springAi;
  final BedrockHooks bedrock;
  final TransportHooks transports;

  AiRoutes(AgentRuntime runtime) {
    governor = new AiGovernor(runtime);
    stainless = new StainlessSdkHooks(governor);
    langchain4j = new LangChain4jHooks(governor);
    googleGenAi = new GoogleGenAiHooks(governor);
    springAi = new SpringAiHooks(governor);
    bedrock = new BedrockHooks(governor);
    transports = new TransportHooks(runtime, governor);
  }
}
