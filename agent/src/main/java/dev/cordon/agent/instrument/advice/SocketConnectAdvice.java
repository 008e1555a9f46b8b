package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code java.net.Socket.connect(SocketAddress, int)}: every blocking socket connect,
 * {@code SSLSocket}s included ({@code SSLSocketImpl.connect} calls it), and the
 * {@code Socket(host, port)} constructors. Denied, it throws before the connection is made.
 */
public final class SocketConnectAdvice {
  private SocketConnectAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(0) Object address) {
    Dispatch.socketConnect(address, "socket");
  }
}
