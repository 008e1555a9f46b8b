package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code HttpClientOperations.newFullBodyMessage(body)}: the request with its whole body,
 * before anything is written. An AI request is decided here; a rewritten body replaces the buffer.
 */
public final class NettyFullBodyAdvice {
  private NettyFullBodyAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.This Object operations,
      @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object body) {
    Object[] state = Dispatch.wireRequest("reactor-netty", operations, body);
    if (state != null) body = state[0];
  }
}
