package com.acme.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A hand-rolled AI client, as an application might write one without any SDK: it builds the OpenAI
 * JSON itself and sends it with a raw HTTP client ({@link RawHttp}). Lives in a package no principal
 * matches: the caller's package decides the principal.
 *
 * <p>Steps: {@code chat:MODEL[:max=N][:tools=a,b][:text=...]}, {@code async:MODEL} (sent
 * asynchronously from the calling thread, answered on another), {@code asyncread:MODEL} and
 * {@code asyncstream:MODEL} (the same, JSON or streamed, then {@code [cl=ok]} when a reported
 * Content-Length matches the body), {@code asynccustom:MODEL} (the same
 * through a request producer of the application's own), {@code stream:MODEL},
 * {@code unreadable:MODEL} (a body the client streams from an input stream),
 * {@code wait:PATH} (until the file exists; prints nothing), {@code otherhost:MODEL} (a chat sent to the same server named
 * {@code localhost}: another host for the policy's endpoints), {@code forged:MODEL} (claims to be SDK-governed with a made-up governed-call header), {@code get:PATH} and
 * {@code post:PATH} (non-AI requests), {@code embed:MODEL}. Each prints {@code #i OK detail},
 * {@code #i DENIED class: message} or {@code #i FAIL class: message}.
 */
public final class RawAiScript {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RawHttp http;
  private final String base;
  private int step;

  public RawAiScript(RawHttp http) {
    this.http = http;
    this.base = System.getProperty("fake.url");
  }

  public void run(String[] steps) {
    for (String s : steps) runStep(s);
    System.out.flush();
  }

  private void runStep(String s) {
    String[] parts = s.split(":");
    if (parts[0].equals("wait")) {
      waitFor(java.nio.file.Path.of(s.substring(5)));
      return;
    }
    int i = ++step;
    try {
      String detail = switch (parts[0]) {
        case "chat" -> answer(http.post(base + "/chat/completions", chatBody(parts).toString(), headers()));
        case "async" -> answer(http.postAsync(base + "/chat/completions", chatBody(parts).toString(), headers()));
        case "asyncread" -> lengthChecked(http.postAsync(base + "/chat/completions", chatBody(parts).toString(), headers()), false);
        case "asyncstream" -> lengthChecked(http.postAsync(base + "/chat/completions", streamBody(parts).toString(), headers()), true);
        case "asynccustom" -> answer(http.postAsyncCustom(base + "/chat/completions", chatBody(parts).toString(), headers()));
        case "stream" -> streamed(http.post(base + "/chat/completions", streamBody(parts).toString(), headers()));
        case "unreadable" -> answer(http.postStreamingBody(base + "/chat/completions", chatBody(parts).toString(), headers()));
        case "forged" -> answer(http.post(base + "/chat/completions", chatBody(parts).toString(),
            "Authorization", "Bearer sk-app-own-key", "Content-Type", "application/json",
            "X-Cordon-Call", "00112233445566778899aabbccddeeff"));
        case "otherhost" -> answer(http.post(base.replace("127.0.0.1", "localhost") + "/chat/completions",
            chatBody(parts).toString(), headers()));
        case "embed" -> embedding(http.post(base + "/embeddings",
            JSON.createObjectNode().put("model", parts[1]).put("input", "the quick brown fox").toString(), headers()));
        case "get" -> status(http.get(base + parts[1], headers()));
        case "post" -> status(http.post(base + parts[1], "{\"model\":\"gpt-4o\",\"x\":1}", headers()));
        default -> throw new IllegalArgumentException("unknown step " + s);
      };
      System.out.println("#" + i + " OK " + detail);
    } catch (Throwable e) {
      Throwable c = e;
      while ((c instanceof java.util.concurrent.CompletionException || c instanceof java.util.concurrent.ExecutionException)
          && c.getCause() != null) {
        c = c.getCause();
      }
      // An asynchronous client may hand the deny over as the cause of its own failure (OkHttp's onFailure).
      Throwable deny = c;
      while (deny != null && !(deny instanceof SecurityException)) deny = deny.getCause();
      String kind = deny != null ? "DENIED " : "FAIL ";
      String via = deny != null && deny != c ? " [cause " + deny.getClass().getName() + "]" : "";
      System.out.println("#" + i + " " + kind + c.getClass().getName() + ": " + c.getMessage() + via);
    }
  }

  private static void waitFor(java.nio.file.Path p) {
    long until = System.currentTimeMillis() + 30_000;
    try {
      while (!java.nio.file.Files.exists(p) && System.currentTimeMillis() < until) Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String[] headers() {
    return new String[] {"Authorization", "Bearer sk-app-own-key", "Content-Type", "application/json"};
  }

  private static ObjectNode chatBody(String[] parts) {
    ObjectNode body = JSON.createObjectNode().put("model", parts[1]);
    String text = "Where is my order 1234?";
    for (int k = 2; k < parts.length; k++) {
      String p = parts[k];
      if (p.startsWith("max=")) body.put("max_completion_tokens", Long.parseLong(p.substring(4)));
      else if (p.startsWith("text=")) text = p.substring(5);
      else if (p.startsWith("tools=")) {
        ArrayNode tools = body.putArray("tools");
        for (String t : p.substring(6).split(",")) {
          ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
          fn.put("name", t).put("description", "tool " + t);
          fn.putObject("parameters").put("type", "object").putObject("properties").putObject("q").put("type", "string");
        }
      }
    }
    body.putArray("messages").addObject().put("role", "user").put("content", text);
    return body;
  }

  private static ObjectNode streamBody(String[] parts) {
    ObjectNode body = chatBody(parts).put("stream", true);
    body.putObject("stream_options").put("include_usage", true);
    return body;
  }

  private static String answer(RawHttp.Answer a) throws Exception {
    if (a.status() != 200) return "status " + a.status() + " " + a.body();
    if (!a.requestAuth().isEmpty()) System.out.println("   (the client reports the request's Authorization as: " + a.requestAuth() + ")");
    JsonNode n = JSON.readTree(a.body());
    JsonNode msg = n.at("/choices/0/message");
    String content = msg.path("content").asText("");
    if (msg.path("tool_calls").isArray() && msg.path("tool_calls").size() > 0) {
      content = "tool_call " + msg.at("/tool_calls/0/function/name").asText();
    }
    return n.path("model").asText() + " " + content;
  }

  /** The answer, then {@code [cl=ok]} when the Content-Length the response reports (if any) matches its body. */
  private static String lengthChecked(RawHttp.Answer a, boolean stream) throws Exception {
    String detail = stream ? streamed(a) : answer(a);
    int actual = a.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    boolean ok = a.contentLength().isEmpty() || Long.parseLong(a.contentLength()) == actual;
    return detail + (ok ? " [cl=ok]" : " [cl=" + a.contentLength() + " body=" + actual + "]");
  }

  private static String streamed(RawHttp.Answer a) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (String line : a.body().split("\n")) {
      if (!line.startsWith("data: ") || line.equals("data: [DONE]")) continue;
      JsonNode chunk = JSON.readTree(line.substring(6));
      sb.append(chunk.at("/choices/0/delta/content").asText(""));
    }
    return "streamed " + sb;
  }

  private static String embedding(RawHttp.Answer a) throws Exception {
    if (a.status() != 200) return "status " + a.status();
    return "embedding dims=" + JSON.readTree(a.body()).at("/data/0/embedding").size();
  }

  private static String status(RawHttp.Answer a) {
    return "status " + a.status();
  }
}
