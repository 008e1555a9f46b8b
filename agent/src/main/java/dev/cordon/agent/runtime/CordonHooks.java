package dev.cordon.agent.runtime;

import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.files.FileGovernor;
import dev.cordon.agent.jdbc.JdbcGovernor;
import dev.cordon.agent.vector.VectorGovernor;
import dev.cordon.agent.sdk.StainlessSdkHooks;
import dev.cordon.bootstrap.Hooks;

/** The agent's side of {@link dev.cordon.bootstrap.Dispatch}: routes each hook to the code that governs it. */
public final class CordonHooks implements Hooks {
  private final AiGovernor governor;
  private final StainlessSdkHooks stainless;
  private final FileGovernor files;
  private final JdbcGovernor jdbc;
  private final VectorGovernor vectors;

  public CordonHooks(AgentRuntime runtime, FileGovernor files, JdbcGovernor jdbc) {
    this.governor = new AiGovernor(runtime);
    this.stainless = new StainlessSdkHooks(governor);
    this.files = files;
    this.jdbc = jdbc;
    this.vectors = new VectorGovernor(runtime);
  }

  @Override
  public Object aiRequestPrepared(String origin, Object request, Object clientOptions) {
    try {
      return stainless.prepared(sdkOf(origin), request, clientOptions);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public Object aiResponse(Object request, Object response, Throwable thrown) {
    return stainless.response(request, response, thrown);
  }

  @Override
  public Object aiResponseAsync(Object request, Object future) {
    return stainless.responseAsync(request, future);
  }

  @Override
  public boolean fileIsClean(String path) {
    return files.isClean(path);
  }

  @Override
  public void fileAccess(String path, int access) {
    files.access(path, access);
  }

  @Override
  public void filesChanged() {
    files.changed();
  }

  @Override
  public void fileDirectoryOpened(Object stream, String directory) {
    files.directoryOpened(stream, directory);
  }

  @Override
  public String fileInDirectory(Object stream, String name) {
    return files.inDirectory(stream, name);
  }

  @Override
  public Object jdbcEnter(Object self, String sql, String method) {
    try {
      return jdbc.enter(self, sql, method);
    } catch (RuntimeException e) {
      return jdbcFault("jdbc.statement", e);
    }
  }

  @Override
  public Object jdbcExit(Object token, Object self, Object returned, Throwable thrown) {
    try {
      return jdbc.exit(token, self, returned, thrown);
    } catch (java.sql.SQLException | RuntimeException e) {
      Object f = jdbcFault("jdbc.result", e);
      if (f == null) return returned;
      // Failing closed after the query ran: the application must not get an unmasked result set.
      if (returned instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception ignored) {
          // the fault is what gets reported
        }
      }
      throw dev.cordon.agent.data.Sneaky.raise((Throwable) f);
    }
  }

  @Override
  public Object vectorEnter(Object store, String method) {
    return vectors.enter(store, method);
  }

  @Override
  public Object vectorExit(Object token, Object returned, Throwable thrown) {
    try {
      return vectors.exit(token, returned, thrown);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the retrieval results: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * An internal fault on a JDBC path: audited; failing closed, the statement gets what a denied one
   * gets (an SQLException with SQLState 42501), so JDBC code handles it the way it handles a deny.
   */
  private Object jdbcFault(String where, Exception e) {
    RuntimeException closed = governor.fault(where, e);
    if (closed == null) return null;
    return new java.sql.SQLSyntaxErrorException("Cordon failed closed: internal error while governing this statement ("
        + e.getClass().getName() + "); it was not run", "42501");
  }

  @Override
  public RuntimeException fault(String where, Throwable fault) {
    return governor.fault(where, fault);
  }

  /** The advice passes the instrumented class's name; its package names the SDK. */
  private static String sdkOf(String origin) {
    return origin.startsWith("com.anthropic.") ? "anthropic" : "openai";
  }
}
