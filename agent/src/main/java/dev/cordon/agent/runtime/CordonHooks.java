package dev.cordon.agent.runtime;

import dev.cordon.agent.files.FileGovernor;
import dev.cordon.agent.sdk.BedrockHooks;
import dev.cordon.agent.sdk.LangChain4jHooks;
import dev.cordon.agent.sdk.SpringAiHooks;
import dev.cordon.agent.transport.SocketBackstop;
import dev.cordon.bootstrap.Hooks;

/**
 * The agent's side of {@link dev.cordon.bootstrap.Dispatch}: routes each hook to the code that governs it.
 * Only the file governor and the socket backstop exist from the start; the AI, JDBC and vector parts
 * are built on their first hook, so that premain does not load and verify classes (and, through the
 * verifier, the JSQLParser and java.sql types they name) that an application may never use.
 */
public final class CordonHooks implements Hooks {
  private final AgentRuntime runtime;
  private final FileGovernor files;
  private final SocketBackstop backstop;
  private volatile AiRoutes ai;
  private volatile JdbcRoute jdbc;
  private volatile dev.cordon.agent.vector.VectorGovernor vectors;

  public CordonHooks(AgentRuntime runtime, FileGovernor files, SocketBackstop backstop) {
    this.runtime = runtime;
    this.files = files;
    this.backstop = backstop;
  }

  private AiRoutes ai() {
    AiRoutes a = ai;
    if (a == null) {
      synchronized (this) {
        a = ai;
        if (a == null) ai = a = new AiRoutes(runtime);
      }
    }
    return a;
  }

  private JdbcRoute jdbc() {
    JdbcRoute j = jdbc;
    if (j == null) {
      synchronized (this) {
        j = jdbc;
        if (j == null) jdbc = j = new JdbcRoute(runtime, this);
      }
    }
    return j;
  }

  private dev.cordon.agent.vector.VectorGovernor vectors() {
    dev.cordon.agent.vector.VectorGovernor v = vectors;
    if (v == null) {
      synchronized (this) {
        v = vectors;
        if (v == null) vectors = v = new dev.cordon.agent.vector.VectorGovernor(runtime);
      }
    }
    return v;
  }

  /** What must be written before the JVM exits, of the parts that were ever used. */
  public void flushAtExit() {
    if (ai != null) dev.cordon.agent.ai.PendingCalls.flushAll();
    if (jdbc != null) dev.cordon.agent.jdbc.JdbcGovernor.flushAll();
  }

  @Override
  public Object aiRequestPrepared(String origin, Object request, Object clientOptions) {
    try {
      if (origin.startsWith("dev.langchain4j.")) return ai().langchain4j.prepared(request);
      if (origin.startsWith("com.google.genai.")) return ai().googleGenAi.prepared(request, clientOptions);
      if (origin.startsWith("org.springframework.ai.")) return ai().springAi.prepared(request, clientOptions);
      if (origin.startsWith("software.amazon.awssdk.")) return ai().bedrock.prepared(request, clientOptions);
      return ai().stainless.prepared(sdkOf(origin), request, clientOptions);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public Object aiResponse(Object request, Object response, Throwable thrown) {
    if (LangChain4jHooks.owns(request)) return ai().langchain4j.response(request, response, thrown);
    if (SpringAiHooks.owns(request)) return ai().springAi.response(request, response, thrown);
    if (BedrockHooks.owns(request)) return ai().bedrock.response(request, response);
    return ai().stainless.response(request, response, thrown);
  }

  @Override
  public Object aiExecute(Object request, boolean async) {
    return ai().stainless.executing(request, async);
  }

  @Override
  public Object aiResponseAsync(Object request, Object future) {
    return ai().stainless.responseAsync(request, future);
  }

  @Override
  public Object aiTransportResponse(String origin, Object response) {
    if (origin.startsWith("com.google.genai.")) return ai().googleGenAi.response(response);
    return response;
  }

  @Override
  public Object aiStreamListener(Object request, Object listener) {
    if (LangChain4jHooks.owns(request)) return ai().langchain4j.listener(request, listener);
    return listener;
  }

  @Override
  public Object aiStreamParser(Object request, Object parser) {
    if (LangChain4jHooks.owns(request)) return ai().langchain4j.parser(request, parser);
    return parser;
  }

  @Override
  public Object aiNoRetryOnDeny(Object callable, Class<?> owner) {
    return LangChain4jHooks.noRetryOnDeny(callable, owner);
  }

  @Override
  public Object inboundHeaders(Object servletRequest) {
    PolicyState st = runtime.current();
    if (st == null || st.policy() == null || !st.policy().principalSelector().usesHeaders()) return null;
    return dev.cordon.agent.principal.InboundHeaders.snapshot(servletRequest, st.policy().principalSelector().headerNames());
  }

  @Override
  public Object[] wireRequest(String client, Object request, Object context) {
    try {
      return ai().transports.request(client, request, context);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public boolean connectIsAi(String host, int port) {
    return backstop.isAi(host, port);
  }

  @Override
  public void connectToAi(String host, int port, String channel) {
    backstop.connect(host, port, channel);
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
    return jdbc().enter(self, sql, method);
  }

  @Override
  public Object wireResponse(String client, Object[] state, Object response, Throwable thrown) {
    return ai().transports.response(client, state, response, thrown);
  }

  @Override
  public Object wireBody(String client, Object owner, Object body, Throwable thrown) {
    try {
      return ai().transports.body(client, owner, body, thrown);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void wireCallStarted(String client, Object call) {
    try {
      ai().transports.callStarted(client, call);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }

  }

  @Override
  public Object jdbcExit(Object token, Object self, Object returned, Throwable thrown) {
    return jdbc().exit(token, self, returned, thrown);
  }

  @Override
  public Object vectorEnter(Object store, String method) {
    return vectors().enter(store, method);
  }

  @Override
  public Object vectorExit(Object token, Object returned, Throwable thrown) {
    try {
      return vectors().exit(token, returned, thrown);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the retrieval results: " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public RuntimeException fault(String where, Throwable fault) {
    return ai().governor.fault(where, fault);
  }

  /** The advice passes the instrumented class's name; its package names the SDK. */
  private static String sdkOf(String origin) {
    return origin.startsWith("com.anthropic.") ? "anthropic" : "openai";
  }
}
