package dev.cordon.agent.ai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Finds the last {@code usage} object anywhere in a JSON document (OpenAI chat and embeddings put it
 * at the top, the Responses API's stream nests it in {@code response}, Anthropic streams it in
 * {@code message_delta}) and reads its token counts under either naming.
 */
public final class UsageReader {
  private UsageReader() {}

  private static final JsonFactory JSON = JsonFactory.builder().build();

  public static Usage find(byte[] json, int off, int len) {
    Usage found = null;
    try (JsonParser p = JSON.createParser(json, off, len)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME && "usage".equals(p.currentName())) {
          if (p.nextToken() == JsonToken.START_OBJECT) {
            Usage u = readUsage(p);
            if (u.known()) found = merge(found, u);
          }
        }
      }
    } catch (IOException | RuntimeException malformed) {
      // A truncated or odd body: usage stays unknown, the call is still audited.
    }
    return found == null ? Usage.NONE : found;
  }

  /** Anthropic reports input tokens at the start of a stream and output tokens at its end. */
  public static Usage merge(Usage earlier, Usage later) {
    if (earlier == null) return later;
    long in = later.inputTokens() >= 0 ? later.inputTokens() : earlier.inputTokens();
    long out = later.outputTokens() >= 0 ? later.outputTokens() : earlier.outputTokens();
    return new Usage(in, out);
  }

  private static Usage readUsage(JsonParser p) throws IOException {
    long in = -1;
    long out = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (v.isNumeric()) {
        switch (name) {
          case "prompt_tokens", "input_tokens" -> in = p.getLongValue();
          case "completion_tokens", "output_tokens" -> out = p.getLongValue();
          default -> { }
        }
      } else {
        p.skipChildren();
      }
    }
    return new Usage(in, out);
  }
}
