package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * Woven into Reactor Netty's {@code HttpOperations.markSentHeaders(...)}, which runs when a client
 * request's headers go out ahead of a streamed body: such a request is decided on its URL alone.
 * Server-side operations share the method and are let through at once.
 */
public final class NettyHeadersAdvice {
  private NettyHeadersAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.This Object operations) {
    if (operations.getClass().getName().startsWith("reactor.netty.http.client.")) {
      Dispatch.wireRequest("reactor-netty", operations, null);
    }
  }
}
