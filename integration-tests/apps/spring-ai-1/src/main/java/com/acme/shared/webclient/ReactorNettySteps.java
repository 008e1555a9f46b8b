package com.acme.shared.webclient;

import com.acme.shared.Steps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * A hand-rolled AI client on Reactor Netty's HttpClient alone (no Spring), so that it also runs on
 * a Reactor Netty 1.3 class path: {@code netty:MODEL[:gzip][:text=...]} (a {@code Mono} body, sent whole),
 * {@code nettyflux:MODEL} (a {@code Flux} body: headers first, then the chunks), {@code jar} (which
 * Reactor Netty jar is loaded).
 */
public final class ReactorNettySteps extends Steps {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String base = System.getProperty("fake.url");

  @Override
  protected String step(String[] parts) throws Exception {
    if (parts[0].equals("jar")) {
      String where = HttpClient.class.getProtectionDomain().getCodeSource().getLocation().getPath();
      return where.substring(where.lastIndexOf('/') + 1);
    }
    byte[] body = chat(parts);
    String json = switch (parts[0]) {
      case "netty" -> client(flag(parts, "gzip")).send(Mono.just(Unpooled.wrappedBuffer(body))).responseContent().aggregate().asString()
          .block(Duration.ofSeconds(30));
      case "nettyflux" -> client(false).send(Flux.just(Unpooled.wrappedBuffer(body))).responseContent().aggregate().asString()
          .block(Duration.ofSeconds(30));
      default -> throw new IllegalArgumentException("unknown step " + parts[0]);
    };
    JsonNode n = JSON.readTree(json);
    return n.path("model").asText() + " " + n.at("/choices/0/message/content").asText("");
  }

  /** {@code gzip}: the application asks for a compressed answer itself (this client, unlike WebClient's, does not decode it). */
  private HttpClient.RequestSender client(boolean gzip) {
    return HttpClient.create().headers(h -> {
      h.set("Authorization", "Bearer sk-app-own-key").set("Content-Type", "application/json");
      if (gzip) h.set("Accept-Encoding", "gzip");
    }).post().uri(base + "/chat/completions");
  }

  private static byte[] chat(String[] parts) {
    var body = JSON.createObjectNode().put("model", parts[1]);
    body.putArray("messages").addObject().put("role", "user").put("content", opt(parts, "text", "Where is my order 1234?"));
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }
}
