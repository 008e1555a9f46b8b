package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code sun.nio.ch.UnixAsynchronousSocketChannelImpl.implConnect}, under both
 * {@code AsynchronousSocketChannel.connect} forms. A deny is thrown from {@code connect} itself,
 * on the caller's thread, rather than handed to the future or the completion handler.
 */
public final class AsyncChannelConnectAdvice {
  private AsyncChannelConnectAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(0) Object address) {
    Dispatch.socketConnect(address, "nio-async");
  }
}
