package com.acme.shared.webclient;

import com.acme.shared.Steps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A hand-rolled AI client on Spring's WebClient (Reactor Netty underneath) and on Reactor Netty's
 * HttpClient directly, as an application might write one without Spring AI. Steps:
 * {@code chat:MODEL[:text=...][:tools=a,b]} (WebClient, JSON body, blocked on by the caller),
 * {@code stream:MODEL} (WebClient, server-sent events), {@code scheduled:MODEL} (the same chat,
 * subscribed on a boundedElastic thread), {@code otherhost:MODEL} (the fake named localhost),
 * {@code netty:MODEL} and {@code nettyflux:MODEL} ({@link ReactorNettySteps}), {@code get:PATH}. A chat
 * ({@code :gzip}: asking for a compressed answer itself) answer ends with {@code [cl=ok]} when its Content-Length (if any) matches the body read.
 */
public final class WebClientSteps extends Steps {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String base = System.getProperty("fake.url");
  private final ReactorNettySteps netty = new ReactorNettySteps();
  private final WebClient web = WebClient.builder().defaultHeader("Authorization", "Bearer sk-app-own-key").build();

  @Override
  protected String step(String[] parts) throws Exception {
    return switch (parts[0]) {
      case "chat" -> answer(post(base, chat(parts), flag(parts, "gzip")).block(Duration.ofSeconds(30)));
      case "scheduled" -> answer(post(base, chat(parts)).subscribeOn(Schedulers.boundedElastic()).block(Duration.ofSeconds(30)));
      case "otherhost" -> answer(post(base.replace("127.0.0.1", "localhost"), chat(parts)).block(Duration.ofSeconds(30)));
      case "stream" -> {
        ObjectNode body = chat(parts).put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        List<String> events = web.post().uri(base + "/chat/completions").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body.toString()).retrieve().bodyToFlux(String.class).collectList().block(Duration.ofSeconds(30));
        StringBuilder sb = new StringBuilder();
        for (String e : events) {
          if (e.equals("[DONE]")) continue;
          sb.append(JSON.readTree(e).at("/choices/0/delta/content").asText(""));
        }
        yield "streamed " + sb;
      }
      case "streamtimed" -> timed(parts);
      case "netty", "nettyflux" -> netty.step(parts);
      case "get" -> "status " + web.get().uri(base + parts[1]).retrieve().toBodilessEntity()
          .block(Duration.ofSeconds(30)).getStatusCode().value();
      default -> throw new IllegalArgumentException("unknown step " + parts[0]);
    };
  }

  /**
   * A stream read event by event as it arrives, the fake pausing 20 ms before each: its text, then
   * when the first text arrived and when the stream ended (ms from sending).
   */
  private String timed(String[] parts) {
    ObjectNode body = chat(parts).put("stream", true);
    body.putObject("stream_options").put("include_usage", true);
    long start = System.nanoTime();
    long[] first = {-1};
    StringBuilder sb = new StringBuilder();
    web.post().uri(base + "/chat/completions").contentType(MediaType.APPLICATION_JSON).header("X-Fake-Frame-Delay-Ms", "20")
        .bodyValue(body.toString()).retrieve().bodyToFlux(String.class).doOnNext(e -> {
          if (e.equals("[DONE]")) return;
          try {
            String text = JSON.readTree(e).at("/choices/0/delta/content").asText("");
            if (!text.isEmpty() && first[0] < 0) first[0] = (System.nanoTime() - start) / 1_000_000;
            sb.append(text);
          } catch (java.io.IOException bad) {
            throw new java.io.UncheckedIOException(bad);
          }
        }).blockLast(Duration.ofSeconds(30));
    return "streamed " + sb + " (first=" + first[0] + " total=" + (System.nanoTime() - start) / 1_000_000 + ")";
  }

  /** The answer's text, and whether a Content-Length the application sees matches the body it reads. */
  private Mono<String> post(String url, ObjectNode body) {
    return post(url, body, false);
  }

  /** {@code gzip}: the application asks for a compressed answer itself (WebClient's Reactor Netty decodes it). */
  private Mono<String> post(String url, ObjectNode body, boolean gzip) {
    return web.post().uri(url + "/chat/completions").contentType(MediaType.APPLICATION_JSON)
        .headers(h -> {
          if (gzip) h.set("Accept-Encoding", "gzip");
        })
        .bodyValue(body.toString()).retrieve().toEntity(String.class).map(e -> {
          long declared = e.getHeaders().getContentLength();
          int actual = e.getBody() == null ? 0 : e.getBody().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
          return (declared < 0 || declared == actual ? "[cl=ok]" : "[cl=" + declared + " body=" + actual + "]") + e.getBody();
        });
  }

  private static ObjectNode chat(String[] parts) {
    ObjectNode body = JSON.createObjectNode().put("model", parts[1]);
    String tools = opt(parts, "tools", null);
    if (tools != null) {
      ArrayNode arr = body.putArray("tools");
      for (String t : tools.split(",")) {
        ObjectNode fn = arr.addObject().put("type", "function").putObject("function");
        fn.put("name", t).putObject("parameters").put("type", "object");
      }
    }
    body.putArray("messages").addObject().put("role", "user").put("content", opt(parts, "text", "Where is my order 1234?"));
    return body;
  }

  private static String answer(String checkedJson) throws Exception {
    int end = checkedJson.indexOf(']') + 1;
    JsonNode n = JSON.readTree(checkedJson.substring(end));
    return n.path("model").asText() + " " + n.at("/choices/0/message/content").asText("") + " " + checkedJson.substring(0, end);
  }
}
