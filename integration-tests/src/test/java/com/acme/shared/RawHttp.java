package com.acme.shared;

/** One raw HTTP client library, as the test applications use it. Headers are name, value pairs. */
public interface RawHttp {
  /**
   * @param requestAuth the Authorization header of the request as the response object reports it
   *     (what the application could read back; empty when the client has no such view)
   */
  record Answer(int status, String body, String requestAuth, String contentLength) {
    public Answer(int status, String body) {
      this(status, body, "", "");
    }

    public Answer(int status, String body, String requestAuth) {
      this(status, body, requestAuth, "");
    }
  }

  /**
   * Posts and reads the answer the way {@code reader} says: {@code string}, {@code bytes},
   * {@code stream} (an InputStream read to the end), {@code lines} (line by line), {@code async}
   * (sent asynchronously), {@code twice} (the client's response stream asked for twice, where the
   * client allows it). {@link Answer#contentLength} is the Content-Length the response reports
   * ("" when none).
   */
  default Answer postReading(String url, String json, String reader, String... headers) throws Exception {
    return switch (reader) {
      case "string" -> post(url, json, headers);
      case "async" -> postAsync(url, json, headers);
      default -> throw new UnsupportedOperationException("reader " + reader + " is not written for " + getClass().getSimpleName());
    };
  }

  /**
   * Reader {@code timed}: an event stream read line by line as it arrives, with a comment line
   * appended, {@code : first=MS total=MS}: when the first chat delta with text arrived and when the
   * stream ended, counted from {@code start} (nanoTime before sending).
   */
  static String timed(java.io.InputStream in, long start) throws java.io.IOException {
    java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    StringBuilder body = new StringBuilder();
    long first = -1;
    String line;
    while ((line = r.readLine()) != null) {
      body.append(line).append('\n');
      if (first < 0 && line.startsWith("data: {") && line.matches(".*\"content\":\"[^\"].*")) {
        first = (System.nanoTime() - start) / 1_000_000;
      }
    }
    return body + ": first=" + first + " total=" + (System.nanoTime() - start) / 1_000_000 + "\n";
  }

  Answer post(String url, String json, String... headers) throws Exception;

  /** Sent asynchronously from the calling thread; the answer arrives on one of the client's threads. */
  Answer postAsync(String url, String json, String... headers) throws Exception;

  /** Like {@link #postAsync}, through a request producer of the application's own (where the client has such a thing). */
  default Answer postAsyncCustom(String url, String json, String... headers) throws Exception {
    throw new UnsupportedOperationException("no custom request producers in this client");
  }

  /** The body is handed to the client as a stream it cannot replay. */
  Answer postStreamingBody(String url, String json, String... headers) throws Exception;

  Answer get(String url, String... headers) throws Exception;
}
