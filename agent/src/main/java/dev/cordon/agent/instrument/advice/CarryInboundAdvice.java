package dev.cordon.agent.instrument.advice;

import dev.cordon.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code execute(Runnable)} of {@code ThreadPoolExecutor}, {@code ForkJoinPool} and
 * CompletableFuture's thread-per-task executor
 * (only when the policy has http_header principals and a servlet container is present): a task
 * submitted while serving a request runs with that request's headers.
 */
public final class CarryInboundAdvice {
  private CarryInboundAdvice() {}

  @Advice.OnMethodEnter
  public static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
    task = Dispatch.carryInbound(task);
  }
}
