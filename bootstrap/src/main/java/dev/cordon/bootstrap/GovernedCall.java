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
 * library runs. Application code can enter it too, so on its own it proves nothing: the transport
 * hooks trust it only together with a marker the agent keeps privately for the same
 * {@link #entry() entry} and endpoint, set when the funnel's call was actually decided.
 */
public final class GovernedCall {
  private GovernedCall() {}

  /** Per thread: [0] depth, [1] id of the outermost entry. A long[] so that entering allocates nothing. */
  private static final ThreadLocal<long[]> STATE = ThreadLocal.withInitial(() -> new long[2]);

  /** True while the current thread is inside a governed client call. */
  public static boolean active() {
    return STATE.get()[0] > 0;
  }

  /** The id of the outermost funnel entry on this thread, or 0 outside any funnel; new at every outermost entry. */
  public static long entry() {
    long[] s = STATE.get();
    return s[0] > 0 ? s[1] : 0;
  }

  /** Enters a funnel; true when this is the outermost one (the one that decides). Pair with {@link #exit()}. */
  public static boolean enter() {
    long[] s = STATE.get();
    if (s[0]++ == 0) {
      s[1]++;
      return true;
    }
    return false;
  }

  /** Leaves a funnel entered with {@link #enter()}. */
  public static void exit() {
    long[] s = STATE.get();
    if (s[0] > 0) s[0]--;
  }
}
