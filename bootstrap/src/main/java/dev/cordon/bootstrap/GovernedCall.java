package dev.cordon.bootstrap;

/**
 * Marks the current thread while it runs inside a governed AI client's funnel (an SDK's or AI
 * library's own request path: openai-java/anthropic-java {@code RetryingHttpClient.execute},
 * LangChain4j {@code HttpClient.execute}, ...). Such a call has been decided, audited and possibly
 * rewritten already; a hook further down the same thread (a nested funnel of another library, or
 * a raw transport such as the JDK HttpClient or OkHttp) must not decide it again, so that one
 * logical call gives one audit entry.
 *
 * <p>Unlike {@link Guard}, which is set only while Cordon's own code runs, this stays set while the
 * library runs. A transport that hands the request to another thread (OkHttp {@code enqueue}, JDK
 * {@code sendAsync}) must read {@link #active()} on the submitting thread.
 */
public final class GovernedCall {
  private GovernedCall() {}

  /** Depth per thread; an int[] so that entering and leaving allocate nothing. */
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  /** True while the current thread is inside a governed client call. */
  public static boolean active() {
    return DEPTH.get()[0] > 0;
  }

  /** Enters a funnel; true when this is the outermost one (the one that decides). Pair with {@link #exit()}. */
  public static boolean enter() {
    return DEPTH.get()[0]++ == 0;
  }

  /** Leaves a funnel entered with {@link #enter()}. */
  public static void exit() {
    int[] d = DEPTH.get();
    if (d[0] > 0) d[0]--;
  }
}
