package dev.cordon.agent.runtime;

import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.files.FileGovernor;
import dev.cordon.agent.sdk.StainlessSdkHooks;
import dev.cordon.bootstrap.Hooks;

/** The agent's side of {@link dev.cordon.bootstrap.Dispatch}: routes each hook to the code that governs it. */
public final class CordonHooks implements Hooks {
  private final AiGovernor governor;
  private final StainlessSdkHooks stainless;
  private final FileGovernor files;

  public CordonHooks(AgentRuntime runtime, FileGovernor files) {
    this.governor = new AiGovernor(runtime);
    this.stainless = new StainlessSdkHooks(governor);
    this.files = files;
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
  public boolean fileIsClean(String path) {
    return files.isClean(path);
  }

  @Override
  public void fileAccess(String path, int access) {
    files.access(path, access);
  }

  @Override
  public void filesChanged() {
    files.changed();
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
