package dev.cordon.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cordon.agent.instrument.advice.NettyBindAdvice;
import dev.cordon.agent.instrument.advice.NettyFullBodyAdvice;
import dev.cordon.agent.instrument.advice.NettyHandlerAdvice;
import dev.cordon.agent.instrument.advice.NettyHeadersAdvice;
import dev.cordon.agent.instrument.advice.NettyInboundAdvice;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Reactor Netty's HTTP client (1.2, 1.3): where a request is subscribed (its handler is built), where
 * its operations are bound to it, where it is written (whole body, or headers first), and where its
 * response arrives. See {@code dev.cordon.agent.transport.ReactorNetty}.
 */
final class ReactorNettyModule implements HookModule {
  @Override
  public AgentBuilder extend(AgentBuilder builder, WeaveReport report) {
    return builder
        .type(named("reactor.netty.http.client.HttpClientConnect$HttpClientHandler"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> ctor = isConstructor().and(takesArguments(1));
          ElementMatcher.Junction<MethodDescription> bind = named("requestWithBody").and(takesArguments(1));
          report.expect(type, ctor, "<init>");
          report.expect(type, bind, "requestWithBody");
          return b.visit(Advice.to(NettyHandlerAdvice.class).on(ctor)).visit(Advice.to(NettyBindAdvice.class).on(bind));
        })
        .type(named("reactor.netty.http.client.HttpClientOperations"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> full = named("newFullBodyMessage").and(takesArguments(1));
          ElementMatcher.Junction<MethodDescription> inbound = named("onInboundNext").and(takesArguments(2));
          report.expect(type, full, "newFullBodyMessage");
          report.expect(type, inbound, "onInboundNext");
          return b.visit(Advice.to(NettyFullBodyAdvice.class).on(full)).visit(Advice.to(NettyInboundAdvice.class).on(inbound));
        })
        .type(named("reactor.netty.http.HttpOperations"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> headers = named("markSentHeaders").and(takesArguments(1));
          report.expect(type, headers, "markSentHeaders");
          return b.visit(Advice.to(NettyHeadersAdvice.class).on(headers));
        });
  }
}
