package dev.cordon.agent.runtime;

import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.sdk.StainlessSdkHooks;
import dev.cordon.agent.transport.TransportHooks;
import dev.cordon.bootstrap.Hooks;

/** The agent's side of {@link dev.cordon.bootstrap.Dispatch}: routes each hook to the code that governs it. */
public final class CordonHooks implements Hooks {
  private final AiGovernor governor;
  private final StainlessSdkHooks stainless;
  private final TransportHooks transports;

  public CordonHooks(AgentRuntime runtime) {
    this.governor = new AiGovernor(runtime);
    this.stainless = new StainlessSdkHooks(governor);
    this.transports = new TransportHooks(runtime, governor);
  }

  @Override
  public Object aiRequestPrepared(String origin, Object request, Object clientOptions) {
    try {
      return stainless.prepared(sdkOf(origin), request, clientOptions);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public Object aiResponse(Object request, Object response, Throwable thrown) {
    return stainless.response(request, response, thrown);
  }

  @Override
  public Object aiResponseAsync(Object request, Object future) {
    return stainless.responseAsync(request, future);
  }

  @Override
  public Object[] wireRequest(String client, Object request, Object context) {
    try {
      return transports.request(client, request, context);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public Object wireResponse(String client, Object[] state, Object response, Throwable thrown) {
    return transports.response(client, state, response, thrown);
  }

  @Override
  public Object wireBody(String client, Object owner, Object body, Throwable thrown) {
    try {
      return transports.body(client, owner, body, thrown);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void wireCallStarted(String client, Object call) {
    try {
      transports.callStarted(client, call);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
