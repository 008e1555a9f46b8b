package dev.cordon.agent.sdk;

import dev.cordon.agent.ai.AiCall;
import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.ai.AiTarget;
import dev.cordon.agent.ai.Usage;
import dev.cordon.agent.ai.SseToolGate;
import dev.cordon.agent.transport.GovernedCalls;
import dev.cordon.bootstrap.GovernedCall;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;

/**
 * Governs the Stainless-generated SDKs (openai-java, anthropic-java) at their two funnels:
 * {@code PrepareRequest.prepare(..)}, which every call passes once on the caller's own thread (sync
 * and async alike) with the final URL, headers and JSON body; and
 * {@code RetryingHttpClient.execute/executeAsync}, where the response comes back and its usage is
 * read. The prepared request object links the two.
 *
 * <p>The transports under the SDK (OkHttp) must neither decide nor audit a governed call again.
 * A blocking send runs, retries included, on the caller's thread inside {@code execute}: the
 * thread's transport marker for the call's endpoint says so for as long as that funnel runs, and
 * the request is left as the SDK built it. An asynchronous send may retry from a timer thread, so
 * its request carries a one-time token header instead (see {@link GovernedCalls}); copying the
 * request to add it is paid only there.
 */
public final class StainlessSdkHooks {
  private final AiGovernor governor;
  private final Map<Object, InFlight> inFlight = Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * A governed request on its way: its audit entry, where it goes, and the token that tells the
   * transport it is governed (asynchronous sends only; else null).
   */
  private record InFlight(AiCall call, AiTarget target, String token) {}

  public StainlessSdkHooks(AiGovernor governor) {
    this.governor = governor;
  }

  public Object prepared(String sdk, Object request, Object clientOptions) throws java.io.IOException {
    StainlessHttp http = StainlessHttp.of(request);
    String base = http.baseUrl(request);
    if (base == null) base = StainlessHttp.clientBaseUrl(clientOptions);
    AiTarget target = AiTarget.of(sdk, base, http.path(request), http.method(request));
    if (target.action() == null) return request;
    StainlessHttp.JsonBody body = http.jsonBody(request);
    AiGovernor.Result result = governor.govern(target, body == null ? null : body.bytes());
    if (result.body() != null) body = new StainlessHttp.JsonBody(result.body(), "application/json");
    // Rebuilt only to change something: a new body, a scoped key, or a body that must go out as the
    // decided bytes because the SDK's own one may write different bytes the next time.
    boolean sameBody = body == null || body.original() != null;
    Object toSend = sameBody && result.key() == null ? request : http.rebuilt(request, body, result.key(), null, null);
    // Decided and audited here: the send funnel (executing) tells the transport under it not to do it again.
    if (result.call() != null) inFlight.put(toSend, new InFlight(result.call(), target, null));
    return toSend;
  }

  /**
   * A prepared request enters {@code RetryingHttpClient.execute} (blocking) or {@code executeAsync},
   * outermost, on the calling thread. Returns the request to send.
   */
  public Object executing(Object request, boolean async) {
    InFlight f = inFlight.get(request);
    if (f == null) return request;
    if (!async) {
      GovernedCall.bind(GovernedCalls.onThread(f.target()));
      return request;
    }
    String token = GovernedCalls.issueToken(f.target());
    Object toSend = StainlessHttp.of(request).rebuilt(request, null, null, GovernedCalls.HEADER, token);
    inFlight.remove(request);
    inFlight.put(toSend, new InFlight(f.call(), f.target(), token));
    return toSend;
  }

  public Object response(Object request, Object response, Throwable thrown) {
    InFlight f = inFlight.remove(request);
    if (f == null) return response;
    GovernedCalls.release(f.token());
    AiCall call = f.call();
    if (thrown != null || response == null) {
      call.failed(thrown != null ? thrown : new IllegalStateException("no response"));
      return response;
    }
    StainlessHttp http = StainlessHttp.of(request);
    if (!call.checksToolCalls()) return tap(call, http, response);
    try {
      return StainlessResponseGate.gate(call, http.responseType(), response);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new java.io.UncheckedIOException(t instanceof java.io.IOException io ? io : new java.io.IOException(t));
    }
  }

  @SuppressWarnings("unchecked")
  public Object responseAsync(Object request, Object future) {
    InFlight f = inFlight.remove(request);
    if (f == null) return future;
    AiCall call = f.call();
    StainlessHttp http = StainlessHttp.of(request);
    CompletableFuture<Object> in = (CompletableFuture<Object>) future;
    CompletableFuture<Object> out = new CompletableFuture<>();
    in.whenComplete((r, t) -> {
      GovernedCalls.release(f.token());
      if (t != null) {
        call.failed(t);
        out.completeExceptionally(t);
        return;
      }
      Object wrapped = r;
      try {
        wrapped = call.checksToolCalls() ? StainlessResponseGate.gate(call, http.responseType(), r) : tap(call, http, r);
      } catch (dev.cordon.CordonAccessDeniedException deny) {
        out.completeExceptionally(deny);
        return;
      } catch (Throwable e) {
        call.failed(e);
        if (call.checksToolCalls()) {
          // The body could not be checked: it must not reach the application unchecked.
          out.completeExceptionally(e);
          return;
        }
      }
      out.complete(wrapped);
    });
    return out;
  }

  /** A view of the response whose body reports usage to the call when read to the end or closed. */
  private static Object tap(AiCall call, StainlessHttp http, Object response) {
    Object[] tapped = new Object[1];
    return http.responseProxy((proxy, m, args) -> {
      switch (m.getName()) {
        case "body" -> {
          synchronized (tapped) {
            if (tapped[0] == null) {
              int status = http.statusCode(response);
              InputStream raw = (InputStream) invoke(m, response, args);
              // Tool calls are checked on what the provider sent, before output redaction rewrites it.
              if (call.limitsTools() && call.streaming()) raw = new dev.cordon.agent.redact.FilteredStream(raw, new SseToolGate(call));
              tapped[0] = call.responseBody(raw, status);
            }
            return tapped[0];
          }
        }
        case "close" -> {
          try {
            return invoke(m, response, args);
          } finally {
            synchronized (tapped) {
              if (tapped[0] == null) call.completed(http.statusCode(response), Usage.NONE);
            }
          }
        }
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        case "equals" -> {
          return proxy == args[0];
        }
        default -> {
          return invoke(m, response, args);
        }
      }
    });
  }

  /**
   * Calls the SDK's response method. The proxy hands the same Method objects to every call, so
   * making one accessible is done once, not per call (each attempt is an access check).
   */
  @SuppressWarnings("deprecation") // isAccessible: the cheap read of the flag setAccessible sets
  private static Object invoke(java.lang.reflect.Method m, Object target, Object... args) throws Throwable {
    try {
      if (!m.isAccessible()) m.setAccessible(true);
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
