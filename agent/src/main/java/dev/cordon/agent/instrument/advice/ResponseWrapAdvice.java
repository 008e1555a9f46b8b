package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into the constructor of a client's response wrapper that takes the transport's response
 * (Google GenAI {@code HttpApiResponse(okhttp3.Response)}), on sync and async paths alike: the
 * agent may hand back a response whose body reports the token usage as the client reads it.
 */
public final class ResponseWrapAdvice {
  private ResponseWrapAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.Origin("#t") String origin,
      @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response) {
    response = Dispatch.aiTransportResponse(origin, response);
  }
}
