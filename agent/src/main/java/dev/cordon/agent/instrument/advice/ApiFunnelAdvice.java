package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import dev.cordon.bootstrap.GovernedCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into an API object's request methods whose first argument is the library's own request
 * object and whose target holds the base URL (Spring AI 1.x {@code OpenAiApi.chatCompletionEntity},
 * {@code chatCompletionStream}, {@code embeddings}): decides on entry (the request may be replaced
 * or blocked), marks the thread as inside a governed call, and hands the result (a response, or a
 * reactive stream still to run) to the agent for its usage. Overloads that delegate to each other
 * are decided once, by the outermost.
 */
public final class ApiFunnelAdvice {
  private ApiFunnelAdvice() {}

  @Advice.OnMethodEnter
  public static Object enter(@Advice.Origin("#t") String origin, @Advice.This Object api,
      @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request) {
    Object sent = Dispatch.enterFunnel(origin, request, api);
    if (sent != null) request = sent;
    return sent;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Enter Object sent,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response,
      @Advice.Thrown Throwable thrown) {
    GovernedCall.exit();
    if (sent != null) response = Dispatch.aiResponse(sent, response, thrown);
  }
}
