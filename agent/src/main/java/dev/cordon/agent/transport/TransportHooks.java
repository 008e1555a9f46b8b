package dev.cordon.agent.transport;

import dev.cordon.agent.ai.AiGovernor;
import dev.cordon.agent.runtime.AgentRuntime;
import java.io.IOException;

/**
 * Routes the transport hooks ({@code client}: {@code jdk}, {@code okhttp}, {@code urlconnection})
 * to their adapters. Each adapter is created on its first call, so the agent never loads a client's
 * classes the application does not use.
 */
public final class TransportHooks {
  private final WireGovernor wire;
  private volatile JdkHttp jdk;
  private volatile OkHttp okhttp;
  private volatile UrlConnection urlConnection;

  public TransportHooks(AgentRuntime runtime, AiGovernor governor) {
    this.wire = new WireGovernor(runtime, governor);
  }

  public Object[] request(String client, Object request, Object context) throws IOException {
    return switch (client) {
      case "jdk" -> jdk().request(request, context);
      case "okhttp" -> okhttp().request(request, context);
      case "okhttp-net" -> okhttp().network(request, context);
      case "urlconnection" -> urlConnection().request(request, context);
      default -> throw new IllegalArgumentException("unknown client " + client);
    };
  }

  public Object response(String client, Object[] state, Object response, Throwable thrown) {
    return switch (client) {
      case "jdk" -> jdk().response(state, response, thrown);
      case "okhttp" -> okhttp().response(state, response, thrown);
      case "okhttp-net" -> okhttp().networkResponse(state, response);
      default -> throw new IllegalArgumentException("unknown client " + client);
    };
  }

  public Object body(String client, Object owner, Object body, Throwable thrown) throws IOException {
    return switch (client) {
      case "urlconnection" -> urlConnection().body(owner, body, thrown);
      case "urlconnection-length" -> urlConnection().hidesLength(owner) ? null : body;
      case "urlconnection-fields" -> urlConnection().hidesLength(owner) ? UrlConnection.withoutLength(body) : body;
      default -> throw new IllegalArgumentException("unknown client " + client);
    };
  }

  public void callStarted(String client, Object call) throws IOException {
    if (!"okhttp".equals(client)) throw new IllegalArgumentException("unknown client " + client);
    okhttp().started(call);
  }

  private JdkHttp jdk() {
    JdkHttp j = jdk;
    if (j == null) jdk = j = new JdkHttp(wire);
    return j;
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
