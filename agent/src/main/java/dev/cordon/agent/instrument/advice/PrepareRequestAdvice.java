package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into the Stainless SDKs' {@code PrepareRequest.prepare(..)}: the prepared request is
 * decided on the caller's thread and may be replaced (output cap, later redaction) or blocked.
 * Inlined into the SDK class, so it may only reference boot-class-path types.
 */
public final class PrepareRequestAdvice {
  private PrepareRequestAdvice() {}

  @Advice.OnMethodExit
  public static void exit(@Advice.Origin("#t") String origin, @Advice.Argument(1) Object clientOptions,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request) {
    request = Dispatch.aiRequestPrepared(origin, request, clientOptions);
  }
}
