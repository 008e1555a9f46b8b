package dev.cordon.agent.runtime;

import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.files.FileGovernor;
import dev.cordon.agent.jdbc.JdbcGovernor;
import dev.cordon.agent.sdk.BedrockHooks;
import dev.cordon.agent.sdk.GoogleGenAiHooks;
import dev.cordon.agent.sdk.LangChain4jHooks;
import dev.cordon.agent.sdk.SpringAiHooks;
import dev.cordon.agent.vector.VectorGovernor;
import dev.cordon.agent.sdk.StainlessSdkHooks;
import dev.cordon.agent.transport.SocketBackstop;
import dev.cordon.agent.transport.TransportHooks;
import dev.cordon.bootstrap.Hooks;

/** The agent's side of {@link dev.cordon.bootstrap.Dispatch}: routes each hook to the code that governs it. */
public final class CordonHooks implements Hooks {
  private final AiGovernor governor;
  private final StainlessSdkHooks stainless;
  private final LangChain4jHooks langchain4j;
  private final GoogleGenAiHooks googleGenAi;
  private final SpringAiHooks springAi;
  private final BedrockHooks bedrock;

  private final TransportHooks transports;
  private final FileGovernor files;
  private final JdbcGovernor jdbc;
  private final VectorGovernor vectors;

  private final AgentRuntime runtime;

  private final SocketBackstop backstop;

  public CordonHooks(AgentRuntime runtime, FileGovernor files, JdbcGovernor jdbc, SocketBackstop backstop) {
    this.runtime = runtime;
    this.backstop = backstop;
    this.files = files;
    this.jdbc = jdbc;
    this.governor = new AiGovernor(runtime);
    this.stainless = new StainlessSdkHooks(governor);
    this.langchain4j = new LangChain4jHooks(governor);
    this.googleGenAi = new GoogleGenAiHooks(governor);
    this.springAi = new SpringAiHooks(governor);
    this.bedrock = new BedrockHooks(governor);
    this.transports = new TransportHooks(runtime, governor);
    this.vectors = new VectorGovernor(runtime);
  }

  @Override
  public Object aiRequestPrepared(String origin, Object request, Object clientOptions) {
    try {
      if (origin.startsWith("dev.langchain4j.")) return langchain4j.prepared(request);
      if (origin.startsWith("com.google.genai.")) return googleGenAi.prepared(request, clientOptions);
      if (origin.startsWith("org.springframework.ai.")) return springAi.prepared(request, clientOptions);
      if (origin.startsWith("software.amazon.awssdk.")) return bedrock.prepared(request, clientOptions);
      return stainless.prepared(sdkOf(origin), request, clientOptions);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public Object aiResponse(Object request, Object response, Throwable thrown) {
    if (LangChain4jHooks.owns(request)) return langchain4j.response(request, response, thrown);
    if (SpringAiHooks.owns(request)) return springAi.response(request, response, thrown);
    if (BedrockHooks.owns(request)) return bedrock.response(request, response);
    return stainless.response(request, response, thrown);
  }

  @Override
  public Object aiResponseAsync(Object request, Object future) {
    return stainless.responseAsync(request, future);
  }

  @Override
  public Object aiTransportResponse(String origin, Object response) {
    if (origin.startsWith("com.google.genai.")) return googleGenAi.response(response);
    return response;
  }

  @Override
  public Object aiStreamListener(Object request, Object listener) {
    if (LangChain4jHooks.owns(request)) return langchain4j.listener(request, listener);
    return listener;
  }

  @Override
  public Object aiStreamParser(Object request, Object parser) {
    if (LangChain4jHooks.owns(request)) return langchain4j.parser(request, parser);
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
      return transports.request(client, request, context);
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
    try {
      return jdbc.enter(self, sql, method);
    } catch (RuntimeException e) {
      return jdbcFault("jdbc.statement", e);
    }
  }

  @Override
  public Object wireResponse(String client, Object[] state, Object response, Throwable thrown) {
    return transports.response(client, state, response, thrown);
  }

  @Override
  public Object wireBody(String client, Object owner, Object body, Throwable thrown) {
    try {
      return transports.body(client, owner, body, thrown);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void wireCallStarted(String client, Object call) {
    try {
      transports.callStarted(client, call);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
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
