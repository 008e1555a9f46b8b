package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into a client's request builder that takes the JSON body as a String and returns the
 * finished transport request (Google GenAI {@code ApiClient.buildRequest(method, path, jsonBody,
 * options)}): the request is decided on the caller's thread, sync and async alike, and may be
 * replaced or blocked before it is handed to the transport.
 */
public final class BuiltRequestAdvice {
  private BuiltRequestAdvice() {}

  @Advice.OnMethodExit
  public static void exit(@Advice.Origin("#t") String origin, @Advice.Argument(2) Object jsonBody,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request) {
    request = Dispatch.aiRequestPrepared(origin, request, jsonBody);
  }
}
