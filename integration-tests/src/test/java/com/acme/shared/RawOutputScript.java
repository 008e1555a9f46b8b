package com.acme.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A hand-rolled client reading model answers in the three wire formats (OpenAI chat completions,
 * the Responses API, Anthropic messages), plain JSON or streamed, with a raw HTTP client and
 * whichever way of reading the body the step names, and printing the model text it assembled.
 *
 * <p>Steps: {@code KIND:MODEL:READER[:tools][:gzip][:pad=N][:text=...]} where KIND is {@code chat},
 * {@code chatstream}, {@code resp}, {@code respstream}, {@code msg}, {@code msgstream}; READER is
 * one of {@link RawHttp#postReading}'s; {@code tools} declares a tool (the fake model then calls it);
 * {@code gzip} sets Accept-Encoding: gzip as the application's own header; {@code pad=N} asks the
 * fake for N filler bytes in a JSON answer; {@code delay=MS} a pause before each streamed frame
 * (with reader {@code timed} the step tells when the first text arrived: {@code (first=MS total=MS)}).
 * Each prints {@code #i OK text [cl=...]} ({@code cl=ok}
 * when the reported Content-Length is absent or matches the bytes read, else {@code cl=MISMATCH}),
 * or {@code #i FAIL class: message}.
 */
public final class RawOutputScript {
  /** Lifts Jackson's 20 MB string bound: the padded answers are bigger on purpose. */
  private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
      .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxStringLength(1 << 30).build())
      .build());

  private final RawHttp http;
  private final String base = System.getProperty("fake.url");
  private int step;

  public RawOutputScript(RawHttp http) {
    this.http = http;
  }

  public void run(String[] steps) {
    for (String s : steps) runStep(s);
    System.out.flush();
  }

  private void runStep(String s) {
    int i = ++step;
    try {
      System.out.println("#" + i + " OK " + call(s));
    } catch (Throwable e) {
      Throwable c = e;
      while ((c instanceof java.util.concurrent.ExecutionException || c instanceof java.util.concurrent.CompletionException)
          && c.getCause() != null) {
        c = c.getCause();
      }
      System.out.println("#" + i + " FAIL " + c.getClass().getName() + ": " + c.getMessage());
    }
  }

  private String call(String s) throws Exception {
    int at = s.indexOf(":text=");
    String text = at < 0 ? "Hello" : s.substring(at + 6);
    String[] parts = (at < 0 ? s : s.substring(0, at)).split(":");
    String kind = parts[0];
    String model = parts[1];
    String reader = parts[2];
    boolean tools = false;
    boolean gzip = false;
    String pad = null;
    String frameDelay = null;
    for (int k = 3; k < parts.length; k++) {
      if (parts[k].equals("tools")) tools = true;
      else if (parts[k].startsWith("delay=")) frameDelay = parts[k].substring(6);
      else if (parts[k].equals("gzip")) gzip = true;
      else if (parts[k].startsWith("pad=")) pad = parts[k].substring(4);
    }
    boolean stream = kind.endsWith("stream");
    ObjectNode body = JSON.createObjectNode().put("model", model);
    if (stream) body.put("stream", true);
    if (stream && kind.startsWith("chat")) body.putObject("stream_options").put("include_usage", true);
    String path;
    if (kind.startsWith("chat")) {
      path = "/chat/completions";
      body.putArray("messages").addObject().put("role", "user").put("content", text);
    } else if (kind.startsWith("resp")) {
      path = "/responses";
      body.put("input", text);
    } else {
      path = "/messages";
      body.put("max_tokens", 256);
      body.putArray("messages").addObject().put("role", "user").put("content", text);
      if (tools) {
        ObjectNode t = body.putArray("tools").addObject().put("name", "lookup").put("description", "looks up");
        t.putObject("input_schema").put("type", "object").putObject("properties").putObject("q").put("type", "string");
      }
    }
    java.util.List<String> headers = new java.util.ArrayList<>(java.util.List.of("Content-Type", "application/json",
        "Authorization", "Bearer sk-app-own-key", "x-api-key", "sk-app-own-key", "anthropic-version", "2023-06-01"));
    if (gzip) headers.addAll(java.util.List.of("Accept-Encoding", "gzip"));
    if (pad != null) headers.addAll(java.util.List.of("X-Fake-Pad-Bytes", pad));
    if (frameDelay != null) headers.addAll(java.util.List.of("X-Fake-Frame-Delay-Ms", frameDelay));
    RawHttp.Answer a = http.postReading(base + path, body.toString(), reader, headers.toArray(new String[0]));
    if (a.status() != 200) return "status " + a.status() + " " + a.body();
    if (gzip) return "gzip body of " + a.body().length() + " chars";
    String got = stream ? streamed(kind, a.body()) : whole(kind, a.body());
    int size = a.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    String cl = a.contentLength().isEmpty() || a.contentLength().equals(Integer.toString(size)) ? "ok"
        : "MISMATCH " + a.contentLength() + "/" + size;
    String padded = pad == null ? "" : " padding=" + JSON.readTree(a.body()).path("padding").asText().length();
    return got + padded + " [cl=" + cl + "]";
  }

  private static String whole(String kind, String body) throws Exception {
    JsonNode n = JSON.readTree(body);
    if (kind.equals("chat")) return n.at("/choices/0/message/content").asText();
    if (kind.equals("resp")) {
      for (JsonNode item : n.path("output")) {
        if (item.path("type").asText().equals("message")) return item.at("/content/0/text").asText();
      }
      return "?";
    }
    JsonNode block = n.at("/content/0");
    if (block.path("type").asText().equals("tool_use")) return "tool_use " + block.path("name").asText() + " " + block.path("input");
    return block.path("text").asText();
  }

  private static String streamed(String kind, String body) throws Exception {
    StringBuilder text = new StringBuilder();
    StringBuilder input = new StringBuilder();
    String timing = "";
    for (String line : body.split("\n")) {
      if (line.startsWith(": first=")) timing = " (" + line.substring(2) + ")";
      if (!line.startsWith("data: ") || line.equals("data: [DONE]")) continue;
      JsonNode e = JSON.readTree(line.substring(6));
      if (kind.equals("chatstream")) {
        text.append(e.at("/choices/0/delta/content").asText(""));
      } else if (kind.equals("respstream")) {
        if (e.path("type").asText().equals("response.output_text.delta")) text.append(e.path("delta").asText());
      } else if (e.path("type").asText().equals("content_block_delta")) {
        text.append(e.at("/delta/text").asText(""));
        input.append(e.at("/delta/partial_json").asText(""));
      }
    }
    // The streamed tool input must still be valid JSON once assembled.
    if (input.length() > 0) return "tool_use " + JSON.readTree(input.toString());
    return text + timing;
  }
}
