package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/** Woven into {@code HttpClientHandler.requestWithBody(operations)}: links the connection's operations to the handler. */
public final class NettyBindAdvice {
  private NettyBindAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.This Object handler, @Advice.Argument(0) Object operations) {
    Dispatch.wireRequest("reactor-netty-bind", operations, handler);
  }
}
