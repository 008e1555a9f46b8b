package dev.cordon.bootstrap;

import dev.cordon.CordonAccessDeniedException;

/**
 * The single entry point that woven advice calls. It lives on the boot class path so that code in
 * every class loader links to the same class; it only guards re-entrancy, forwards to the agent's
 * {@link Hooks}, and turns any fault into the agent's fail-open or fail-closed answer. A deny is
 * always rethrown, never swallowed.
 */
public final class Dispatch {
  private Dispatch() {}

  private static volatile Hooks hooks;

  /** Installed once by the agent at start-up; later calls are ignored so that nothing can swap it. */
  public static synchronized void install(Hooks h) {
    if (hooks == null) hooks = h;
  }

  public static Object aiRequestPrepared(String sdk, Object request, Object clientOptions) {
    Hooks h = hooks;
    if (h == null || request == null || !Guard.tryEnter()) return request;
    try {
      return h.aiRequestPrepared(sdk, request, clientOptions);
    } catch (CordonAccessDeniedException deny) {
      throw deny;
    } catch (Throwable t) {
      return failOrPass(h, "ai.request", t, request);
    } finally {
      Guard.exit();
    }
  }

  /**
   * Enters a governed client funnel ({@link GovernedCall}). The outermost funnel on the thread
   * decides ({@link #aiRequestPrepared}) and gets the request to send; a nested one gets null and
   * must leave the request alone. Pair with {@link GovernedCall#exit()} in the exit advice; when the
   * decision throws (a deny), the funnel is left here, since no exit advice runs after a throwing enter.
   */
  public static Object enterFunnel(String client, Object request) {
    return enterFunnel(client, request, null);
  }

  /** {@link #enterFunnel(String, Object)} with the client object that holds what the request lacks (its base URL). */
  public static Object enterFunnel(String client, Object request, Object context) {
    if (!GovernedCall.enter()) return null;
    try {
      return aiRequestPrepared(client, request, context);
    } catch (RuntimeException | Error e) {
      GovernedCall.exit();
      throw e;
    }
  }

  /** {@link #aiStreamListener} for a funnel entered with {@link #enterFunnel}: leaves it when it throws. */
  public static Object funnelListener(Object request, Object listener) {
    try {
      return aiStreamListener(request, listener);
    } catch (RuntimeException | Error e) {
      GovernedCall.exit();
      throw e;
    }
  }

  public static Object aiResponse(Object request, Object response, Throwable thrown) {
    Hooks h = hooks;
    if (h == null || request == null || !Guard.tryEnter()) return response;
    try {
      return h.aiResponse(request, response, thrown);
    } catch (CordonAccessDeniedException deny) {
      throw deny;
    } catch (Throwable t) {
      return failOrPass(h, "ai.response", t, response);
    } finally {
      Guard.exit();
    }
  }

  /**
   * A client wraps the transport's response of a governed call ({@code origin}: the wrapping class);
   * returns the transport response to wrap instead (one whose body reports usage).
   */
  public static Object aiTransportResponse(String origin, Object response) {
    Hooks h = hooks;
    if (h == null || response == null || !Guard.tryEnter()) return response;
    try {
      return h.aiTransportResponse(origin, response);
    } catch (CordonAccessDeniedException deny) {
      throw deny;
    } catch (Throwable t) {
      return failOrPass(h, "ai.response", t, response);
    } finally {
      Guard.exit();
    }
  }

  public static Object aiResponseAsync(Object request, Object future) {
    Hooks h = hooks;
    if (h == null || request == null || future == null || !Guard.tryEnter()) return future;
    try {
      return h.aiResponseAsync(request, future);
    } catch (CordonAccessDeniedException deny) {
      throw deny;
    } catch (Throwable t) {
      return failOrPass(h, "ai.response", t, future);
    } finally {
      Guard.exit();
    }
  }

  /**
   * A streaming call's event listener (the library's callback type) for {@code request}, a request
   * returned by {@link #aiRequestPrepared}: returns a listener that passes every event on and
   * reports the call's usage and end to the agent.
   */
  public static Object aiStreamListener(Object request, Object listener) {
    Hooks h = hooks;
    if (h == null || request == null || listener == null || !Guard.tryEnter()) return listener;
    try {
      return h.aiStreamListener(request, listener);
    } catch (CordonAccessDeniedException deny) {
      throw deny;
    } catch (Throwable t) {
      return failOrPass(h, "ai.response", t, listener);
    } finally {
      Guard.exit();
    }
  }

  /**
   * A library's retry loop is about to run {@code callable}: returns a callable that turns a deny
   * into the library's own "do not retry" exception, so that a denied call is neither retried nor
   * audited twice. {@code owner} is the retrying class (its loader holds the library's types).
   */
  public static Object aiNoRetryOnDeny(Object callable, Class<?> owner) {
    Hooks h = hooks;
    if (h == null || callable == null || !Guard.tryEnter()) return callable;
    try {
      return h.aiNoRetryOnDeny(callable, owner);
    } catch (Throwable t) {
      // Not a decision: without the wrapper a deny is merely retried (and audited) again.
      return callable;
    } finally {
      Guard.exit();
    }
  }

  /** The deny that {@link #aiNoRetryOnDeny} wrapped, unwrapped again for the application; else {@code thrown}. */
  public static Throwable unwrapDeny(Throwable thrown) {
    if (thrown != null && !(thrown instanceof CordonAccessDeniedException)
        && thrown.getCause() instanceof CordonAccessDeniedException && NO_RETRY.equals(thrown.getMessage())) {
      return thrown.getCause();
    }
    return thrown;
  }

  /** The message of the library exception that carries a deny through a retry loop. */
  public static final String NO_RETRY = "cordon: denied, not retried";

  /**
   * A task is being handed to an executor: when this thread serves an inbound request (or runs a
   * task that carries one's headers) and the policy has http_header principals, returns the task
   * wrapped so that it runs with those headers; else the task itself, without allocating.
   */
  public static Runnable carryInbound(Runnable task) {
    Hooks h = hooks;
    if (h == null || task == null || task instanceof Inbound.Carrying) return task;
    Object current = Inbound.current();
    Object carried = Inbound.carried();
    if ((current == null && carried == null) || !Guard.tryEnter()) return task;
    try {
      Object snapshot = current != null ? h.inboundHeaders(current) : carried;
      return snapshot == null ? task : new Inbound.Carrying(task, snapshot);
    } catch (Throwable t) {
      // Not a decision: the task runs, only without the request's headers (principals by header then fail).
      return task;
    } finally {
      Guard.exit();
    }
  }

  private static Object failOrPass(Hooks h, String where, Throwable t, Object passThrough) {
    RuntimeException toThrow;
    try {
      toThrow = h.fault(where, t);
    } catch (Throwable inner) {
      // The fault handler itself failed: the only safe answer left is to block.
      toThrow = new CordonAccessDeniedException(
          "Cordon failed closed: internal error in " + where, "unknown", where, "unknown", null);
    }
    if (toThrow != null) throw toThrow;
    return passThrough;
  }
}
