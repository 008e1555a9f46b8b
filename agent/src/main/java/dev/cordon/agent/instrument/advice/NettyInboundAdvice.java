package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/** Woven into {@code HttpClientOperations.onInboundNext(ctx, msg)}: the response of a governed call, as it arrives. */
public final class NettyInboundAdvice {
  private NettyInboundAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.This Object operations, @Advice.Argument(1) Object msg) {
    Dispatch.wireBody("reactor-netty", operations, msg, null);
  }
}
