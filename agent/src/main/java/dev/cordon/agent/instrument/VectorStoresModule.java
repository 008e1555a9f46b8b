package dev.cordon.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.cordon.agent.instrument.advice.VectorCallAdvice;
import dev.cordon.agent.instrument.advice.VectorSearchAdvice;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Vector stores: LangChain4j's {@code EmbeddingStore} implementations (search, add*, remove*) and
 * Spring AI's {@code VectorStore} implementations (similaritySearch, add, delete), i.e. classes under
 * {@code dev.langchain4j} whose name says EmbeddingStore and classes under
 * {@code org.springframework.ai} whose name says VectorStore ({@link Targets}), that really implement
 * the interface. A store's own calls to its other methods are one call (per-thread depth).
 */
final class VectorStoresModule implements HookModule {
  @Override
  public AgentBuilder extend(AgentBuilder builder, WeaveReport report) {
    ElementMatcher.Junction<MethodDescription> concrete = isPublic().and(not(isAbstract())).and(not(isBridge()))
        .and(not(isStatic()));
    return builder
        .type(not(isInterface()).and(hasSuperType(named("dev.langchain4j.store.embedding.EmbeddingStore"))))
        .transform((b, type, loader, module, pd) -> b
            .visit(Advice.to(VectorSearchAdvice.class).on(concrete.and(namedOneOf("search", "findRelevant"))))
            .visit(Advice.to(VectorCallAdvice.class).on(concrete.and(namedOneOf("add", "addAll", "remove", "removeAll")))))
        .type(not(isInterface()).and(hasSuperType(named("org.springframework.ai.vectorstore.VectorStore"))))
        .transform((b, type, loader, module, pd) -> b
            .visit(Advice.to(VectorSearchAdvice.class).on(concrete.and(named("similaritySearch"))))
            .visit(Advice.to(VectorCallAdvice.class).on(concrete.and(namedOneOf("add", "delete", "accept")))));
  }
}
