package dev.cordon.bootstrap;

import dev.cordon.CordonAccessDeniedException;

/**
 * The single entry point that woven code calls. It lives in the boot loader so that code in
 * every class loader links to the same class; it only guards re-entrancy, forwards to the agent's
 * {@link Hooks}, and turns any fault into the agent's fail-open or fail-closed answer. A deny is
 * always rethrown, never swallowed.
 *
 * <p>Every entry point repeats the same guard / forward / fault shape on purpose: a shared helper
 * taking a lambda would allocate a capturing lambda on every file open and every SQL statement,
 * and these methods are called from code woven into the JDK's own hot paths.
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

  public static Object aiExecute(Object request, boolean async) {
    Hooks h = hooks;
    if (h == null || request == null || !Guard.tryEnter()) return request;
    try {
      return h.aiExecute(request, async);
    } catch (CordonAccessDeniedException deny) {
      throw deny;
    } catch (Throwable t) {
      return failOrPass(h, "ai.execute", t, request);
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

  /**
   * A TCP connection is about to be opened ({@code java.net.Socket.connect}, {@code SocketChannel}
   * connects; {@code channel} says which). The first test compares the address's host string (never
   * resolved here: {@code getHostString} does no DNS lookup) with the AI hosts, allocation-free, so a
   * connect anywhere else costs a few string compares and no re-entrancy bookkeeping.
   */
  public static void socketConnect(Object address, String channel) {
    Hooks h = hooks;
    if (h == null || !(address instanceof java.net.InetSocketAddress a)) return;
    String host = a.getHostString();
    int port = a.getPort();
    if (host == null || !h.connectIsAi(host, port)) return;
    socketConnectSlow(h, host, port, channel);
  }

  /** Kept out of {@link #socketConnect} so that the part inlined into every connect stays short. */
  private static void socketConnectSlow(Hooks h, String host, int port, String channel) {
    if (!Guard.tryEnter()) return;
    try {
      h.connectToAi(host, port, channel);
    } catch (CordonAccessDeniedException deny) {
      throw deny;
    } catch (Throwable t) {
      failOrPass(h, "net.connect", t, null);
    } finally {
      Guard.exit();
    }
  }

  /** File access bits for {@link #fileOpen}. */
  public static final int READ = 1;
  public static final int WRITE = 2;
  /** With READ or WRITE: the last name is the entry itself, not what a symbolic link there points to. */
  public static final int NO_FOLLOW = 4;

  /**
   * A file is about to be opened by {@code java.io} ({@code FileInputStream}, {@code FileOutputStream},
   * {@code RandomAccessFile}). The first test is the agent's allocation-free "known clean" check, so
   * the common case (a path outside every dataset) costs a hash lookup and no re-entrancy bookkeeping.
   */
  public static void fileOpen(String path, int access) {
    Hooks h = hooks;
    if (h == null || path == null || h.fileIsClean(path)) return;
    fileOpenSlow(h, path, access);
  }

  /** Kept out of {@link #fileOpen} so that the part inlined into every open stays a few bytecodes long. */
  private static void fileOpenSlow(Hooks h, String path, int access) {
    if (!Guard.tryEnter()) return;
    try {
      h.fileAccess(path, access);
    } catch (CordonAccessDeniedException deny) {
      throw deny;
    } catch (Throwable t) {
      failOrPass(h, "file.open", t, null);
    } finally {
      Guard.exit();
    }
  }

  /**
   * {@code java.io.RandomAccessFile.open(name, mode)}: mode bit 2 ({@code O_RDWR}) opens for writing
   * as well as reading.
   */
  public static void fileOpenRandomAccess(String path, int mode) {
    fileOpen(path, (mode & 2) != 0 ? READ | WRITE : READ);
  }

  /**
   * {@code sun.nio.fs.UnixNativeDispatcher.open(UnixPath, flags, mode)}, the funnel of every NIO open
   * (channels, streams, {@code Files.*}, copies). {@code path} is a {@code UnixPath}; its string is
   * cached in the path after the first call. Access comes from {@code O_ACCMODE} (0 read, 1 write, 2 both).
   */
  public static void fileOpenNative(Object path, int flags) {
    if (path == null) return;
    int acc = flags & 3;
    fileOpen(path.toString(), acc == 0 ? READ : acc == 1 ? WRITE : READ | WRITE);
  }

  /**
   * Before a rename ({@code File.renameTo}, {@code Files.move}): both ends are written (the source
   * disappears, the target appears). The advice calls {@link #filesChanged()} after the rename.
   */
  public static void fileRename(Object from, Object to) {
    if (from != null) fileOpen(from.toString(), WRITE | NO_FOLLOW);
    if (to != null) fileOpen(to.toString(), WRITE | NO_FOLLOW);
  }

  /** Before {@code unlink}/{@code rmdir} ({@code Files.delete}) or {@code File.delete}: removing is writing. */
  public static void fileDelete(Object path) {
    if (path != null) fileOpen(path.toString(), WRITE | NO_FOLLOW);
  }

  /**
   * Before a hard link to {@code existing} is created: it would be an alias that no real path can see
   * through, so it needs read access to the original and write access where the link appears.
   */
  public static void fileLink(Object existing, Object link) {
    if (existing != null) fileOpen(existing.toString(), READ | NO_FOLLOW);
    if (link != null) fileOpen(link.toString(), WRITE | NO_FOLLOW);
  }

  /** After {@code UnixSecureDirectoryStream}'s constructor: the directory later opens are relative to. */
  public static void fileDirectoryOpened(Object stream, Object directory) {
    Hooks h = hooks;
    if (h == null || stream == null || directory == null || !Guard.tryEnter()) return;
    try {
      h.fileDirectoryOpened(stream, directory.toString());
    } catch (Throwable t) {
      failOrPass(h, "file.directory", t, null);
    } finally {
      Guard.exit();
    }
  }

  /**
   * {@code SecureDirectoryStream.newByteChannel(name, options)}: opened with {@code openat} relative
   * to the stream's directory, so the path is rebuilt from it. Access from the options, as for
   * {@code Files.newByteChannel}: WRITE or APPEND write, READ (or neither) reads.
   */
  public static void fileOpenInDirectory(Object stream, Object name, java.util.Set<?> options) {
    boolean write = options != null && (options.contains(java.nio.file.StandardOpenOption.WRITE)
        || options.contains(java.nio.file.StandardOpenOption.APPEND));
    boolean read = options == null || options.contains(java.nio.file.StandardOpenOption.READ) || !write;
    String path = inDirectory(stream, name);
    if (path != null) fileOpen(path, (read ? READ : 0) | (write ? WRITE : 0));
  }

  /** {@code SecureDirectoryStream.deleteFile/deleteDirectory(name)}: a write on the entry itself. */
  public static void fileDeleteInDirectory(Object stream, Object name) {
    String path = inDirectory(stream, name);
    if (path != null) fileOpen(path, WRITE | NO_FOLLOW);
  }

  /** {@code SecureDirectoryStream.move(src, targetDir, target)}: both ends are written. */
  public static void fileMoveInDirectory(Object stream, Object from, Object targetStream, Object to) {
    String a = inDirectory(stream, from);
    if (a != null) fileOpen(a, WRITE | NO_FOLLOW);
    String b = inDirectory(targetStream, to);
    if (b != null) fileOpen(b, WRITE | NO_FOLLOW);
  }

  private static String inDirectory(Object stream, Object name) {
    Hooks h = hooks;
    if (h == null || name == null || !Guard.tryEnter()) return null;
    try {
      return h.fileInDirectory(stream, name.toString());
    } catch (Throwable t) {
      failOrPass(h, "file.open", t, null);
      return null;
    } finally {
      Guard.exit();
    }
  }

  /** After a rename, link or symbolic link in this JVM: paths may now lead elsewhere. */
  public static void filesChanged() {
    Hooks h = hooks;
    if (h != null) changed(h);
  }

  /**
   * Nesting depth of intercepted JDBC calls per thread: a pool's proxy (HikariCP) calls the driver's
   * own method, which is intercepted too; only the outermost call decides, so each statement is
   * decided and audited once. An int[] so that entering and leaving allocate nothing.
   */
  private static final ThreadLocal<int[]> JDBC_DEPTH = ThreadLocal.withInitial(() -> new int[1]);
  /** Token for a nested JDBC call (only the depth is kept) and for an outermost call with nothing to follow up. */
  private static final Object JDBC_NESTED = new Object();
  private static final Object JDBC_NOTHING = new Object();
  /**
   * What the agent answers for a call on an object that is no JDBC connection or statement (a method
   * of the same name elsewhere): it must not count as a JDBC call, or the statements it runs inside
   * would pass as nested ones and go undecided.
   */
  public static final Object JDBC_IGNORED = new Object();

  /**
   * Before a JDBC method that carries or runs SQL. Returns a token for {@link #jdbcExit}, which the
   * advice must call whenever this returned. A denied statement is thrown from here, before the
   * driver sees anything: a {@code java.sql.SQLSyntaxErrorException} (SQLState 42501) made by the
   * agent, thrown without this class having to name {@code java.sql} types (not visible to the boot
   * loader).
   */
  public static Object jdbcEnter(Object self, String sql, String method) {
    int[] depth = JDBC_DEPTH.get();
    if (depth[0] > 0) {
      depth[0]++;
      return JDBC_NESTED;
    }
    Hooks h = hooks;
    Object token = null;
    if (h != null && Guard.tryEnter()) {
      try {
        token = h.jdbcEnter(self, sql, method);
      } catch (CordonAccessDeniedException deny) {
        throw deny;
      } catch (Throwable t) {
        failOrPass(h, "jdbc.statement", t, null);
      } finally {
        Guard.exit();
      }
    }
    if (token instanceof Throwable denied) throw Dispatch.<RuntimeException>sneakyThrow(denied);
    if (token == JDBC_IGNORED) return JDBC_IGNORED;
    depth[0] = 1;
    return token == null ? JDBC_NOTHING : token;
  }

  /** After a JDBC method whose {@link #jdbcEnter} returned {@code token}; returns what the method returns. */
  public static Object jdbcExit(Object token, Object self, Object returned, Throwable thrown) {
    if (token == null || token == JDBC_IGNORED) return returned;
    int[] depth = JDBC_DEPTH.get();
    if (depth[0] > 0) depth[0]--;
    if (token == JDBC_NESTED || token == JDBC_NOTHING) return returned;
    Hooks h = hooks;
    if (h == null || !Guard.tryEnter()) return returned;
    try {
      return h.jdbcExit(token, self, returned, thrown);
    } catch (CordonAccessDeniedException deny) {
      throw deny;
    } catch (Throwable t) {
      return failOrPass(h, "jdbc.result", t, returned);
    } finally {
      Guard.exit();
    }
  }

  /** Nesting depth of vector-store calls per thread: a store's add(..) calling its own addAll(..) is one call. */
  private static final ThreadLocal<int[]> VECTOR_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  /** Before an embedding-store / vector-store method; returns a token for {@link #vectorExit}. */
  public static Object vectorEnter(Object store, String method) {
    int[] depth = VECTOR_DEPTH.get();
    if (depth[0] > 0) {
      depth[0]++;
      return JDBC_NESTED;
    }
    Hooks h = hooks;
    Object token = null;
    if (h != null && Guard.tryEnter()) {
      try {
        token = h.vectorEnter(store, method);
      } catch (CordonAccessDeniedException deny) {
        throw deny;
      } catch (Throwable t) {
        failOrPass(h, "vector." + method, t, null);
      } finally {
        Guard.exit();
      }
    }
    depth[0] = 1;
    return token == null ? JDBC_NOTHING : token;
  }

  /** After a vector-store method whose {@link #vectorEnter} returned {@code token}; returns what it returns. */
  public static Object vectorExit(Object token, Object returned, Throwable thrown) {
    if (token == null) return returned;
    int[] depth = VECTOR_DEPTH.get();
    if (depth[0] > 0) depth[0]--;
    if (token == JDBC_NESTED || token == JDBC_NOTHING) return returned;
    Hooks h = hooks;
    if (h == null || !Guard.tryEnter()) return returned;
    try {
      return h.vectorExit(token, returned, thrown);
    } catch (CordonAccessDeniedException deny) {
      throw deny;
    } catch (Throwable t) {
      return failOrPass(h, "vector.result", t, returned);
    } finally {
      Guard.exit();
    }
  }

  /** Throws a checked exception the compiler does not know about (the JVM does not check them). */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }

  private static void changed(Hooks h) {
    try {
      h.filesChanged();
    } catch (Throwable ignored) {
      // Invalidation only drops cached answers; it cannot fail in a way that needs reporting.
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

  /** A streaming funnel's body parser for {@code request} (see {@link Hooks#aiStreamParser}); leaves the funnel when it throws. */
  public static Object funnelParser(Object request, Object parser) {
    Hooks h = hooks;
    if (h == null || request == null || parser == null || !Guard.tryEnter()) return parser;
    try {
      return h.aiStreamParser(request, parser);
    } catch (CordonAccessDeniedException deny) {
      GovernedCall.exit();
      throw deny;
    } catch (Throwable t) {
      try {
        return failOrPass(h, "ai.response", t, parser);
      } catch (RuntimeException | Error e) {
        GovernedCall.exit();
        throw e;
      }
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

  /** The message of the library exception that carries a deny through a retry loop. */
  public static final String NO_RETRY = "cordon: denied, not retried";

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
