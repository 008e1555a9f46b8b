package dev.cordon.bootstrap;

/**
 * What the advice woven into application and SDK classes calls, implemented by the agent inside
 * its private class loader. Arguments and results are plain {@code Object}s because the agent
 * cannot link against the application's copies of the SDKs.
 */
public interface Hooks {
  /**
   * An AI SDK has prepared a request ({@code clientOptions}: the SDK's client settings, for what the
   * request itself may not carry yet, such as the base URL in openai-java 2.x; or, for a client whose
   * transport request does not expose its body cheaply, the JSON body it was built from, as in
   * Google GenAI) and is about to send it. Returns the request to send (the
   * same one, or a rewritten copy). Throws {@link dev.cordon.CordonAccessDeniedException} to block.
   */
  Object aiRequestPrepared(String sdk, Object request, Object clientOptions);

  /** The SDK's transport answered (or failed) for {@code request}; returns the response to hand on. */
  Object aiResponse(Object request, Object response, Throwable thrown);

  /** Like {@link #aiResponse} for an asynchronous send; returns the future to hand on. */
  Object aiResponseAsync(Object request, Object future);

  /** A client wraps its transport's response ({@code origin}: the wrapping class); returns the response to wrap. */
  Object aiTransportResponse(String origin, Object response);

  /** A streaming call's listener for {@code request}: one that passes events on and reports usage and end. */
  Object aiStreamListener(Object request, Object listener);

  /** Wraps a retry loop's callable so that a deny becomes the library's non-retriable exception. */
  Object aiNoRetryOnDeny(Object callable, Class<?> owner);

  /**
   * The headers of {@code servletRequest} that the policy's http_header principals read, as an
   * immutable snapshot to carry into async work; null when the policy has none.
   */
  Object inboundHeaders(Object servletRequest);

  /**
   * A fault other than a deny was raised inside the agent while serving {@code where}. The agent
   * audits it and returns the exception to throw (fail closed) or null (fail open).
   */
  RuntimeException fault(String where, Throwable fault);
}
