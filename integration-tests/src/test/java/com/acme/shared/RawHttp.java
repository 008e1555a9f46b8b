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
  Answer postReading(String url, String json, String reader, String... headers) throws Exception;

  Answer post(String url, String json, String... headers) throws Exception;

  /** Sent asynchronously from the calling thread; the answer arrives on one of the client's threads. */
  Answer postAsync(String url, String json, String... headers) throws Exception;

  /** The body is handed to the client as a stream it cannot replay. */
  Answer postStreamingBody(String url, String json, String... headers) throws Exception;

  Answer get(String url, String... headers) throws Exception;
}
