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
 * library runs. Nested funnels (a logging decorator around the real client, overloads delegating to
 * each other) are decided once, by the outermost. The agent binds its transport marker to the
 * outermost funnel ({@link #bind}), so the JDK HttpClient, OkHttp and HttpURLConnection under it
 * neither decide nor audit the call again; the marker is dropped when the funnel is left.
 */
public final class GovernedCall {
  private GovernedCall() {}

  /** Depth per thread; an int[] so that entering and leaving allocate nothing. */
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
  /** What the agent bound to the outermost funnel (its transport marker), closed when that funnel is left. */
  private static final ThreadLocal<AutoCloseable> BOUND = new ThreadLocal<>();

  /** True while the current thread is inside a governed client call. */
  public static boolean active() {
    return DEPTH.get()[0] > 0;
  }

  /** Enters a funnel; true when this is the outermost one (the one that decides). Pair with {@link #exit()}. */
  public static boolean enter() {
    return DEPTH.get()[0]++ == 0;
  }

  /** Leaves a funnel entered with {@link #enter()}; leaving the outermost one closes what was bound to it. */
  public static void exit() {
    int[] d = DEPTH.get();
    if (d[0] > 0 && --d[0] == 0) {
      AutoCloseable bound = BOUND.get();
      if (bound != null) {
        BOUND.remove();
        try {
          bound.close();
        } catch (Exception ignored) {
          // a marker's close cannot fail in a way the application could act on
        }
      }
    }
  }

  /**
   * Binds {@code scope} to the outermost funnel the thread is in (the agent's "already governed"
   * marker for the transports below, see {@code dev.cordon.agent.transport.GovernedCalls}); it is
   * closed when that funnel is left. Outside a funnel the scope is closed at once.
   */
  public static void bind(AutoCloseable scope) {
    if (DEPTH.get()[0] == 0) {
      try {
        scope.close();
      } catch (Exception ignored) {
        // nothing was bound
      }
      return;
    }
    AutoCloseable previous = BOUND.get();
    BOUND.set(scope);
    if (previous != null) {
      try {
        previous.close();
      } catch (Exception ignored) {
        // replaced by the newer marker
      }
    }
  }
}
