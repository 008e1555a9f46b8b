package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * Woven into the constructor of Reactor Netty's {@code HttpClientConnect.HttpClientHandler}, which runs
 * when the request's {@code Mono} is subscribed, on the subscribing thread: the principal of an AI
 * request is captured there, before the request moves to an event loop.
 */
public final class NettyHandlerAdvice {
  private NettyHandlerAdvice() {}

  @Advice.OnMethodExit
  public static void exit(@Advice.This Object handler) {
    Dispatch.wireCallStarted("reactor-netty", handler);
  }
}
