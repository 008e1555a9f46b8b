package com.acme.shared;

/** One raw HTTP client library, as the test applications use it. Headers are name, value pairs. */
public interface RawHttp {
  /**
   * @param requestAuth the Authorization header of the request as the response object reports it
   *     (what the application could read back; empty when the client has no such view)
   */
  record Answer(int status, String body, String requestAuth) {
    public Answer(int status, String body) {
      this(status, body, "");
    }
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
