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

  /**
   * A prepared SDK request enters the SDK's send funnel ({@code RetryingHttpClient.execute} or
   * {@code executeAsync}), on the calling thread, after {@link GovernedCall#enter()}; returns the
   * request to send (an asynchronous send gets one carrying the governed-call token).
   */
  Object aiExecute(Object request, boolean async);

  /** Like {@link #aiResponse} for an asynchronous send; returns the future to hand on. */
  Object aiResponseAsync(Object request, Object future);

  /** A client wraps its transport's response ({@code origin}: the wrapping class); returns the response to wrap. */
  Object aiTransportResponse(String origin, Object response);

  /** A streaming call's listener for {@code request}: one that passes events on and reports usage and end. */
  Object aiStreamListener(Object request, Object listener);

  /** A streaming call's body parser for {@code request}: one that reads the body as governed (tool gate, redaction, usage). */
  Object aiStreamParser(Object request, Object parser);

  /** Wraps a retry loop's callable so that a deny becomes the library's non-retriable exception. */
  Object aiNoRetryOnDeny(Object callable, Class<?> owner);

  /**
   * The headers of {@code servletRequest} that the policy's http_header principals read, as an
   * immutable snapshot to carry into async work; null when the policy has none.
   */
  Object inboundHeaders(Object servletRequest);

  /**
   * A request is about to leave through an HTTP client ({@code client}: {@code jdk}, {@code okhttp},
   * {@code urlconnection}). {@code context} is client specific (JDK: the body handler; OkHttp: the
   * call). Returns null when the request is not AI traffic or was already governed by an SDK hook
   * (nothing to do, and nothing allocated), else a state array whose element 0 is the request to
   * send and element 1 the client-specific replacement for {@code context}; the same array goes to
   * {@link #wireResponse}. Throws {@link dev.cordon.CordonAccessDeniedException} to block.
   */
  Object[] wireRequest(String client, Object request, Object context);

  /** The client answered (or failed) for a governed request; returns the response to hand on. */
  Object wireResponse(String client, Object[] state, Object response, Throwable thrown);

  /**
   * A client hands the application a response body ({@code owner}: the client object it belongs to,
   * e.g. the {@code HttpURLConnection}); returns the stream to hand on instead.
   */
  Object wireBody(String client, Object owner, Object body, Throwable thrown);

  /**
   * An asynchronous call was started on the caller's thread (OkHttp {@code enqueue}): the agent
   * remembers who started it, so the call is attributed to that principal and not to a pool thread.
   */
  void wireCallStarted(String client, Object call);

  /**
   * Whether a TCP connection to {@code host} (the address's host string, unresolved) and
   * {@code port} goes to an AI host: a provider host of spec 6 or one listed under {@code endpoints}.
   * Called on every connect the application makes: it must not allocate, block or throw.
   */
  boolean connectIsAi(String host, int port);

  /**
   * The slow path of a connect to an AI host ({@code channel}: {@code socket}, {@code nio},
   * {@code nio-async}): lets it through when a governed client makes it (an SDK funnel on this
   * thread, or a transport Cordon hooks); otherwise audits it and, in enforce, throws
   * {@link dev.cordon.CordonAccessDeniedException} so the connection is never opened.
   */
  void connectToAi(String host, int port, String channel);

  /**
   * Whether opening {@code path} (as the application gave it) is known to touch no governed
   * dataset. Called on every file open of the application, before anything else: it must not
   * allocate, block or throw, and it answers false whenever it is not sure.
   */
  boolean fileIsClean(String path);

  /**
   * The slow path of a file open that {@link #fileIsClean} could not clear: resolves the real
   * path, decides {@code access} ({@link Dispatch#READ}, {@link Dispatch#WRITE} or both) and audits.
   * Throws {@link dev.cordon.CordonAccessDeniedException} to block.
   */
  void fileAccess(String path, int access);

  /** A link or rename inside this JVM may have changed where paths lead: cached answers are void. */
  void filesChanged();

  /** A {@code SecureDirectoryStream} was opened on {@code directory}: remember it for opens relative to it. */
  void fileDirectoryOpened(Object stream, String directory);

  /**
   * The path {@code name} names relative to the directory of a {@code SecureDirectoryStream} (or
   * {@code name} itself when absolute). Throws when the stream's directory is not known.
   */
  String fileInDirectory(Object stream, String name);

  /**
   * The outermost JDBC call on this thread that carries or runs SQL ({@code method} is the
   * intercepted method's name: {@code prepareStatement}, {@code executeQuery}, {@code addBatch}...;
   * {@code sql} is null for the no-argument runs of a prepared statement and for {@code getResultSet}).
   * Returns null when there is nothing to do after the call, a {@link Throwable} to throw instead
   * of running it (a {@code java.sql.SQLException} with SQLState 42501 for a denied statement),
   * {@link Dispatch#JDBC_IGNORED} when {@code self} is no JDBC connection or statement, or a token
   * that is handed to {@link #jdbcExit}.
   */
  Object jdbcEnter(Object self, String sql, String method);

  /** After the call {@link #jdbcEnter} returned {@code token} for; returns what the call returns (a result set may be wrapped). */
  Object jdbcExit(Object token, Object self, Object returned, Throwable thrown);

  /**
   * The outermost vector-store call on this thread ({@code method}: {@code search}, {@code add},
   * {@code similaritySearch}, {@code delete}...). Returns null when nothing follows, or a token for
   * {@link #vectorExit}. Throws {@link dev.cordon.CordonAccessDeniedException} to block.
   */
  Object vectorEnter(Object store, String method);

  /** After the call {@link #vectorEnter} returned {@code token} for; returns the (possibly filtered) result. */
  Object vectorExit(Object token, Object returned, Throwable thrown);

  /**
   * A fault other than a deny was raised inside the agent while serving {@code where}. The agent
   * audits it and returns the exception to throw (fail closed) or null (fail open).
   */
  RuntimeException fault(String where, Throwable fault);
}
