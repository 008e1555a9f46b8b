package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into searches ({@code EmbeddingStore.search}, {@code VectorStore.similaritySearch}): decided
 * before they run; their results are filtered document by document before the application sees them.
 */
public final class VectorSearchAdvice {
  private VectorSearchAdvice() {}

  @Advice.OnMethodEnter
  public static Object enter(@Advice.This Object store, @Advice.Origin("#m") String method) {
    return Dispatch.vectorEnter(store, method);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Enter Object token,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
      @Advice.Thrown Throwable thrown) {
    result = Dispatch.vectorExit(token, result, thrown);
  }
}
