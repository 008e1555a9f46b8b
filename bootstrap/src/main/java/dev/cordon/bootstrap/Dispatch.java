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

  /** Set once, when this class initialises, from {@link HookHandoff}; final so reflection cannot change it. */
  private static final Hooks hooks = HookHandoff.take();

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

  public static Object[] wireRequest(String client, Object request, Object context) {
    Hooks h = hooks;
    if (h == null || request == null || !Guard.tryEnter()) return null;
    try {
      return h.wireRequest(client, request, context);
    } catch (CordonAccessDeniedException deny) {
      throw deny;
    } catch (Throwable t) {
      return (Object[]) failOrPass(h, "wire.request", t, null);
    } finally {
      Guard.exit();
    }
  }

  public static Object wireResponse(String client, Object[] state, Object response, Throwable thrown) {
    Hooks h = hooks;
    if (h == null || state == null || !Guard.tryEnter()) return response;
    try {
      return h.wireResponse(client, state, response, thrown);
    } catch (CordonAccessDeniedException deny) {
      throw deny;
    } catch (Throwable t) {
      return failOrPass(h, "wire.response", t, response);
    } finally {
      Guard.exit();
    }
  }

  public static Object wireBody(String client, Object owner, Object body, Throwable thrown) {
    Hooks h = hooks;
    if (h == null || owner == null || !Guard.tryEnter()) return body;
    try {
      return h.wireBody(client, owner, body, thrown);
    } catch (CordonAccessDeniedException deny) {
      throw deny;
    } catch (Throwable t) {
      return failOrPass(h, "wire.body", t, body);
    } finally {
      Guard.exit();
    }
  }

  public static void wireCallStarted(String client, Object call) {
    Hooks h = hooks;
    if (h == null || call == null || !Guard.tryEnter()) return;
    try {
      h.wireCallStarted(client, call);
    } catch (CordonAccessDeniedException deny) {
      throw deny;
    } catch (Throwable t) {
      failOrPass(h, "wire.call", t, null);
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
