package dev.cordon.agent.transport;

import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.runtime.AgentRuntime;
import java.io.IOException;

/**
 * Routes the transport hooks ({@code client}: {@code jdk}, {@code okhttp}, {@code urlconnection}, {@code apache}, {@code apache-async})
 * to their adapters. Each adapter is created on its first call, so the agent never loads a client's
 * classes the application does not use.
 */
public final class TransportHooks {
  private final WireGovernor wire;
  private volatile JdkHttp jdk;
  private volatile OkHttp okhttp;
  private volatile UrlConnection urlConnection;
  private volatile ApacheClassic apache;
  private volatile ApacheAsync apacheAsync;
  private volatile ReactorNetty reactorNetty;

  public TransportHooks(AgentRuntime runtime, AiGovernor governor) {
    this.wire = new WireGovernor(runtime, governor);
  }

  public Object[] request(String client, Object request, Object context) throws IOException {
    if (client.startsWith("okhttp")) SocketBackstop.okhttpHooked(request);
    return switch (client) {
      case "jdk" -> jdk().request(request, context);
      case "okhttp" -> okhttp().request(request, context);
      case "okhttp-net" -> okhttp().network(request, context);
      case "okhttp-bridge" -> okhttp().beforeConnect(request, context);
      case "urlconnection" -> urlConnection().request(request, context);
      case "apache" -> apache().request(request, context);
      case "apache-async" -> apacheAsync().request(request, context);
      case "reactor-netty" -> reactorNetty().request(request, context);
      case "reactor-netty-bind" -> reactorNetty().bind(request, context);
      default -> throw new IllegalArgumentException("unknown client " + client);
    };
  }

  public Object response(String client, Object[] state, Object response, Throwable thrown) {
    return switch (client) {
      case "jdk" -> jdk().response(state, response, thrown);
      case "okhttp" -> okhttp().response(state, response, thrown);
      case "okhttp-net", "okhttp-bridge" -> okhttp().networkResponse(state, response);
      case "apache" -> apache().response(state, response, thrown);
      case "apache-async" -> apacheAsync().response(state, response, thrown);
      default -> throw new IllegalArgumentException("unknown client " + client);
    };
  }

  public Object body(String client, Object owner, Object body, Throwable thrown) throws IOException {
    return switch (client) {
      case "reactor-netty" -> reactorNetty().inbound(owner, body);
      case "urlconnection" -> urlConnection().body(owner, body, thrown);
      case "urlconnection-length" -> urlConnection().hidesLength(owner) ? null : body;
      case "urlconnection-fields" -> urlConnection().hidesLength(owner) ? UrlConnection.withoutLength(body) : body;
      default -> throw new IllegalArgumentException("unknown client " + client);
    };
  }

  public void callStarted(String client, Object call) throws IOException {
    if ("reactor-netty".equals(client)) {
      reactorNetty().handlerCreated(call);
      return;
    }
    if (!"okhttp".equals(client)) throw new IllegalArgumentException("unknown client " + client);
    SocketBackstop.okhttpHooked(call);
    okhttp().started(call);
  }

  private JdkHttp jdk() {
    JdkHttp j = jdk;
    if (j == null) jdk = j = new JdkHttp(wire);
    return j;
  }

  private ReactorNetty reactorNetty() {
    ReactorNetty r = reactorNetty;
    if (r == null) {
      synchronized (this) {
        if ((r = reactorNetty) == null) reactorNetty = r = new ReactorNetty(wire);
      }
    }
    return r;
  }

  private ApacheClassic apache() {
    ApacheClassic a = apache;
    if (a == null) apache = a = new ApacheClassic(wire);
    return a;
  }

  private ApacheAsync apacheAsync() {
    ApacheAsync a = apacheAsync;
    if (a == null) apacheAsync = a = new ApacheAsync(wire);
    return a;
  }

  private UrlConnection urlConnection() {
    UrlConnection u = urlConnection;
    if (u == null) {
      synchronized (this) {
        if ((u = urlConnection) == null) urlConnection = u = new UrlConnection(wire);
      }
    }
    return u;
  }

  private OkHttp okhttp() {
    OkHttp o = okhttp;
    if (o == null) {
      synchronized (this) {
        if ((o = okhttp) == null) okhttp = o = new OkHttp(wire);
      }
    }
    return o;
  }
}
