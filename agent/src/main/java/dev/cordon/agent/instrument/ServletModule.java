package dev.cordon.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cordon.agent.instrument.advice.CarryInboundAdvice;
import dev.cordon.agent.instrument.advice.ServletServiceAdvice;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Spec 3, {@code http_header} principals, without source changes: the request a servlet serves
 * (javax and jakarta {@code HttpServlet.service}, which every servlet of Tomcat, Jetty, Undertow and
 * Spring's DispatcherServlet passes), and, once a container is present and the policy reads
 * headers, the JDK's executors, so that async work started while serving a request carries its
 * headers.
 */
final class ServletModule implements HookModule {
  @Override
  public AgentBuilder extend(AgentBuilder builder, WeaveReport report) {
    return builder
        .type(namedOneOf("javax.servlet.http.HttpServlet", "jakarta.servlet.http.HttpServlet"))
        .transform((b, type, loader, module, pd) -> {
          String pkg = type.getName().substring(0, type.getName().indexOf(".http."));
          ElementMatcher.Junction<MethodDescription> service = isPublic().and(named("service")).and(takesArguments(2))
              .and(takesArgument(0, named(pkg + ".ServletRequest")));
          report.expect(type, service, "service(ServletRequest, ServletResponse)");
          JdkExecutors.servletContainerSeen();
          return b.visit(Advice.to(ServletServiceAdvice.class).on(service));
        })
        .type(namedOneOf("java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.ForkJoinPool",
            "java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor"))
        .transform((b, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> execute = isPublic().and(named("execute")).and(takesArguments(1))
              .and(takesArgument(0, Runnable.class));
          report.expect(type, execute, "execute(Runnable)");
          return b.visit(Advice.to(CarryInboundAdvice.class).on(execute));
        });
  }
}
