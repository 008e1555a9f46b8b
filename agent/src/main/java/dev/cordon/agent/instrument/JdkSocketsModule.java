package dev.cordon.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cordon.agent.instrument.advice.AsyncChannelConnectAdvice;
import dev.cordon.agent.instrument.advice.ChannelConnectAdvice;
import dev.cordon.agent.instrument.advice.SocketConnectAdvice;
import java.net.SocketAddress;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK's TCP connect funnels (Java 17 to 25), for the socket backstop ({@link JdkSocketHooks}):
 * {@code java.net.Socket.connect(SocketAddress, int)} (plain and TLS sockets, whatever their
 * {@code SocketImpl}), {@code sun.nio.ch.SocketChannelImpl.connect} and {@code blockingConnect}
 * (NIO channels and their socket adaptors), and {@code UnixAsynchronousSocketChannelImpl.implConnect}.
 */
final class JdkSocketsModule implements HookModule {
  @Override
  public AgentBuilder extend(AgentBuilder builder, WeaveReport report) {
    return builder
        .type(named("java.net.Socket"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> connect = named("connect").and(takesArguments(SocketAddress.class, int.class));
          report.expect(type, connect, "connect");
          return b.visit(Advice.to(SocketConnectAdvice.class).on(connect));
        })
        .type(named("sun.nio.ch.SocketChannelImpl"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> connect = named("connect").and(takesArguments(SocketAddress.class));
          ElementMatcher.Junction<MethodDescription> blocking = named("blockingConnect").and(takesArguments(2))
              .and(takesArgument(0, SocketAddress.class));
          report.expect(type, connect, "connect");
          report.expect(type, blocking, "blockingConnect");
          return b.visit(Advice.to(ChannelConnectAdvice.class).on(connect.or(blocking)));
        })
        .type(named("sun.nio.ch.UnixAsynchronousSocketChannelImpl"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> connect = named("implConnect").and(takesArguments(3))
              .and(takesArgument(0, SocketAddress.class));
          report.expect(type, connect, "implConnect");
          return b.visit(Advice.to(AsyncChannelConnectAdvice.class).on(connect));
        });
  }
}
