package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code sun.nio.ch.SocketChannelImpl.connect(SocketAddress)} and
 * {@code blockingConnect(SocketAddress, long)} (what a channel's {@code socket().connect} calls):
 * every NIO TCP connect, blocking or not (Netty's NIO transport, the JDK HttpClient).
 */
public final class ChannelConnectAdvice {
  private ChannelConnectAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(0) Object address) {
    Dispatch.socketConnect(address, "nio");
  }
}
