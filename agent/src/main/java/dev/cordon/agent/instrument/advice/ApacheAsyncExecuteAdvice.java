package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code doExecute(target, requestProducer, responseConsumer, pushHandlerFactory, context,
 * callback)} of Apache HttpClient 5.x's async clients, which every
 * {@code CloseableHttpAsyncClient.execute} overload calls on the caller's thread: an AI request is
 * decided there (a deny is thrown from {@code execute}); producer and consumer may be replaced.
 */
public final class ApacheAsyncExecuteAdvice {
  private ApacheAsyncExecuteAdvice() {}

  @Advice.OnMethodEnter
  public static Object[] enter(
      @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object producer,
      @Advice.Argument(value = 2, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object consumer) {
    Object[] state = Dispatch.wireRequest("apache-async", producer, consumer);
    if (state != null) {
      producer = state[0];
      consumer = state[1];
    }
    return state;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  public static void exit(@Advice.Enter Object[] state,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object future,
      @Advice.Thrown Throwable thrown) {
    if (state != null) future = Dispatch.wireResponse("apache-async", state, future, thrown);
  }
}
