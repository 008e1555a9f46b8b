package dev.cordon.agent.sdk;

import dev.cordon.CordonAccessDeniedException;
import dev.cordon.agent.ai.AiCall;
import dev.cordon.agent.ai.SseToolGate;
import dev.cordon.agent.ai.UsageReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A governed call's response body as a client library must read it, the same for every client
 * adapter: a complete JSON answer that asks for a tool outside {@code limits.tools} is held back and
 * denied; a streamed one is cut at the event that starts such a call; output redaction applies;
 * usage is read on the way ({@link AiCall#responseBody}).
 */
public final class ResponseBodies {
  private ResponseBodies() {}

  public static InputStream governed(AiCall call, InputStream body, int status) {
    InputStream raw = body;
    try {
      if (call.checksToolCalls()) {
        byte[] bytes;
        try (body) {
          bytes = body.readAllBytes();
        }
        CordonAccessDeniedException deny = call.checkToolCalls(bytes);
        if (deny != null) {
          call.completed(status, UsageReader.find(bytes, 0, bytes.length));
          throw deny;
        }
        raw = new ByteArrayInputStream(bytes);
      } else if (call.limitsTools() && call.streaming()) {
        raw = new dev.cordon.agent.redact.FilteredStream(raw, new SseToolGate(call));
      }
      return call.responseBody(raw, status);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A whole body, governed and read to the end (completing the call): for clients that hold the body as a String. */
  static byte[] governedBytes(AiCall call, byte[] body, int status) {
    try (InputStream in = governed(call, new ByteArrayInputStream(body), status)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
