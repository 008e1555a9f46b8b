package dev.cordon.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
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
 * JDBC, any driver and any pool: every class implementing {@code java.sql.Connection} or
 * {@code java.sql.Statement} (prepared and callable ones included) gets advice on the methods that
 * carry or run SQL, whatever its name. Only classes whose constant pool names a {@code java.sql}
 * type reach this module ({@link Targets#mentionsJavaSql}), and only once a policy governs a
 * database, so other applications pay nothing. Pools that wrap drivers (HikariCP's proxies) are
 * woven too; the dispatcher's per-thread depth makes the outermost call the only one that decides.
 */
final class JdbcModule implements HookModule {
  @Override
  public AgentBuilder extend(AgentBuilder builder, WeaveReport report) {
    ElementMatcher.Junction<MethodDescription> concrete = not(isAbstract()).and(not(isBridge()));
    return builder
        .type(not(isInterface()).and(hasSuperType(named("java.sql.Connection"))))
        .transform((b, type, loader, module, pd) -> b
            .visit(Advice.to(JdbcPrepareAdvice.class).on(concrete.and(namedOneOf("prepareStatement", "prepareCall"))
                .and(takesArgument(0, String.class))))
            .visit(Advice.to(JdbcSqlAdvice.class).on(concrete.and(named("nativeSQL")).and(takesArguments(String.class)))))
        .type(not(isInterface()).and(hasSuperType(named("java.sql.Statement"))))
        .transform((b, type, loader, module, pd) -> b
            .visit(Advice.to(JdbcSqlAdvice.class).on(concrete
                .and(namedOneOf("execute", "executeUpdate", "executeLargeUpdate", "addBatch"))
                .and(takesArgument(0, String.class))))
            .visit(Advice.to(JdbcQueryAdvice.class).on(concrete.and(named("executeQuery"))
                .and(takesArguments(String.class))))
            .visit(Advice.to(JdbcResultAdvice.class).on(concrete.and(namedOneOf("executeQuery", "getResultSet"))
                .and(takesArguments(0)))));
  }
}
