package dev.cordon.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cordon.agent.instrument.advice.ExecuteAdvice;
import dev.cordon.agent.instrument.advice.ExecuteAsyncAdvice;
import dev.cordon.agent.instrument.advice.PrepareRequestAdvice;
import java.lang.instrument.ClassFileTransformer;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Builds the Byte Buddy transformer that weaves Cordon's advice. Created only when a target class
 * first appears: loading Byte Buddy costs about half a second, which an application that never
 * touches an AI SDK should not pay.
 */
final class ByteBuddyWeaver {
  private ByteBuddyWeaver() {}

  static ClassFileTransformer create(WeaveReport report) {
    return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(new WeaveListener(report))
        .ignore(ElementMatchers.none())
        .type(namedOneOf("com.openai.core.PrepareRequest", "com.anthropic.core.PrepareRequest"))
        .transform((builder, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> prepare = named("prepare").and(isStatic())
              .and(returns(named(type.getPackage().getName() + ".http.HttpRequest")));
          expect(report, type, prepare, "prepare");
          return builder.visit(Advice.to(PrepareRequestAdvice.class).on(prepare));
        })
        .type(namedOneOf("com.openai.core.http.RetryingHttpClient", "com.anthropic.core.http.RetryingHttpClient"))
        .transform((builder, type, loader, module, pd) -> {
          ElementMatcher.Junction<MethodDescription> execute = named("execute").and(takesArguments(2));
          ElementMatcher.Junction<MethodDescription> executeAsync = named("executeAsync").and(takesArguments(2));
          expect(report, type, execute, "execute");
          expect(report, type, executeAsync, "executeAsync");
          return builder.visit(Advice.to(ExecuteAdvice.class).on(execute))
              .visit(Advice.to(ExecuteAsyncAdvice.class).on(executeAsync));
        })
        .makeRaw();
  }

  /** A hook point that no longer exists in this version of a library must be reported, never silently skipped. */
  private static void expect(WeaveReport report, TypeDescription type, ElementMatcher<? super MethodDescription> m,
      String what) {
    if (type.getDeclaredMethods().filter(m).isEmpty()) {
      report.failed(type.getName(), "no method matches hook point '" + what + "'");
    } else {
      report.woven(type.getName(), what);
    }
  }

  private static final class WeaveListener extends AgentBuilder.Listener.Adapter {
    private final WeaveReport report;

    WeaveListener(WeaveReport report) {
      this.report = report;
    }

    @Override
    public void onError(String typeName, ClassLoader loader, net.bytebuddy.utility.JavaModule module, boolean loaded,
        Throwable throwable) {
      report.failed(typeName, throwable.toString());
    }
  }
}
