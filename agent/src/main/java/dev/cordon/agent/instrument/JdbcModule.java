package dev.cordon.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.cordon.agent.instrument.advice.JdbcPrepareAdvice;
import dev.cordon.agent.instrument.advice.JdbcQueryAdvice;
import dev.cordon.agent.instrument.advice.JdbcResultAdvice;
import dev.cordon.agent.instrument.advice.JdbcSqlAdvice;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * JDBC, any driver and any pool. Drivers put their statement methods in classes that need not
 * implement {@code java.sql.Statement} themselves (sqlite-jdbc's {@code JDBC3Statement} is a base
 * class that only its subclass makes a Statement), so methods are matched by name and parameters
 * in every class whose constant pool names a {@code java.sql} type ({@link Targets#mentionsJavaSql}),
 * and the object they run on is checked at run time. This also spares a type-hierarchy lookup per
 * class. Pools that wrap drivers (HikariCP's proxies) are woven too; the dispatcher's per-thread
 * depth makes the outermost call the only one that decides.
 */
final class JdbcModule implements HookModule {
  @Override
  public AgentBuilder extend(AgentBuilder builder, WeaveReport report) {
    ElementMatcher.Junction<MethodDescription> concrete = not(isAbstract()).and(not(isBridge())).and(not(isStatic()));
    ElementMatcher.Junction<MethodDescription> sql = concrete
        .and(namedOneOf("execute", "executeUpdate", "executeLargeUpdate", "addBatch", "nativeSQL"))
        .and(takesArgument(0, String.class));
    ElementMatcher.Junction<MethodDescription> prepare = concrete.and(namedOneOf("prepareStatement", "prepareCall"))
        .and(takesArgument(0, String.class));
    ElementMatcher.Junction<MethodDescription> query = concrete.and(named("executeQuery"))
        .and(takesArguments(String.class));
    ElementMatcher.Junction<MethodDescription> result = concrete.and(namedOneOf("executeQuery", "getResultSet"))
        .and(takesArguments(0));
    return builder
        .type(not(isInterface()).and(declaresMethod(sql.or(prepare).or(query).or(result))))
        .transform((b, type, loader, module, pd) -> b
            .visit(Advice.to(JdbcSqlAdvice.class).on(sql))
            .visit(Advice.to(JdbcPrepareAdvice.class).on(prepare))
            .visit(Advice.to(JdbcQueryAdvice.class).on(query))
            .visit(Advice.to(JdbcResultAdvice.class).on(result)));
  }
}
