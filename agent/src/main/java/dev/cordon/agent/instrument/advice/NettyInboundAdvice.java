package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code HttpClientOperations.onInboundNext(ctx, msg)}: the response of a governed call, as
 * it arrives. A content message whose output was redacted is replaced by one holding the redacted bytes.
 */
public final class NettyInboundAdvice {
  private NettyInboundAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.This Object operations,
      @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object msg) {
    msg = Dispatch.wireBody("reactor-netty", operations, msg, null);
  }
}
