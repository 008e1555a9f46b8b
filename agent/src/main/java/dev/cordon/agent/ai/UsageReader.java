package dev.cordon.agent.ai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Finds the last {@code usage} object anywhere in a JSON document (OpenAI chat and embeddings put it
 * at the top, the Responses API's stream nests it in {@code response}, Anthropic streams it in
 * {@code message_delta}, Gemini calls it {@code usageMetadata}, Bedrock Converse names its counts
 * {@code inputTokens}/{@code outputTokens}) and reads its token counts under each naming; Ollama's
 * native {@code prompt_eval_count}/{@code eval_count} are read too.
 */
public final class UsageReader {
  private UsageReader() {}

  private static final JsonFactory JSON = JsonFactory.builder().build();

  public static Usage find(byte[] json, int off, int len) {
    Usage last = lastUsageObject(json, off, off + len);
    return last != null ? last : scan(json, off, len);
  }

  /**
   * The shortcut for the common case, a provider's complete answer with one usage object near its
   * end: finds the last {@code "usage":} or {@code "usageMetadata":} key by bytes and parses only the
   * object after it. Null (so the caller tokenises the whole document) unless that object holds both
   * counts. A key cannot be faked from inside a JSON string, where every quote is escaped; a key
   * preceded by a backslash is left to the full scan rather than guessed at. The object is read by
   * {@link UsageObject} without a parser instance (creating one per answer cost more than reading).
   */
  private static Usage lastUsageObject(byte[] json, int from, int to) {
    for (int i = to - Bytes.USAGE_KEY.length; i >= from; i--) {
      if (json[i] != '"' || !startsWith(json, i, to, Bytes.USAGE_KEY)) continue;
      if (i > from && json[i - 1] == '\\') continue;
      int k = i + Bytes.USAGE_KEY.length;
      if (startsWith(json, k, to, METADATA_TAIL)) k += METADATA_TAIL.length;
      if (k >= to || json[k] != '"') continue;
      k = skipSpace(json, k + 1, to);
      if (k >= to || json[k] != ':') continue;
      k = skipSpace(json, k + 1, to);
      if (k >= to || json[k] != '{') return null;
      return UsageObject.read(json, k, to);
    }
    return null;
  }

  private static final byte[] METADATA_TAIL = {'M', 'e', 't', 'a', 'd', 'a', 't', 'a'};

  private static boolean startsWith(byte[] b, int at, int to, byte[] prefix) {
    if (to - at < prefix.length) return false;
    for (int j = 0; j < prefix.length; j++) if (b[at + j] != prefix[j]) return false;
    return true;
  }

  private static int skipSpace(byte[] b, int at, int to) {
    while (at < to && (b[at] == ' ' || b[at] == '\n' || b[at] == '\r' || b[at] == '\t')) at++;
    return at;
  }

  /** Tokenises the whole document; package-private so tests can hold the shortcut to it. */
  static Usage scan(byte[] json, int off, int len) {
    Usage found = null;
    long ollamaIn = -1;
    long ollamaOut = -1;
    try (JsonParser p = JSON.createParser(json, off, len)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t != JsonToken.FIELD_NAME) continue;
        String name = p.currentName();
        if ("usage".equals(name) || "usageMetadata".equals(name)) {
          if (p.nextToken() == JsonToken.START_OBJECT) {
            Usage u = readUsage(p);
            if (u.known()) found = merge(found, u);
          }
        } else if ("prompt_eval_count".equals(name) || "eval_count".equals(name) || "inputTextTokenCount".equals(name)) {
          // Ollama's native API reports its counts as top-level members of the final message;
          // Bedrock's Titan embeddings its input count.
          if (p.nextToken().isNumeric()) {
            if (name.charAt(0) != 'e') ollamaIn = p.getLongValue();
            else ollamaOut = p.getLongValue();
          }
        }
      }
    } catch (IOException | RuntimeException malformed) {
      // A truncated or odd body: usage stays unknown, the call is still audited.
    }
    if (found == null && (ollamaIn >= 0 || ollamaOut >= 0)) found = new Usage(ollamaIn, ollamaOut);
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
          // OpenAI, Anthropic, Gemini (usageMetadata), Bedrock Converse.
          case "prompt_tokens", "input_tokens", "promptTokenCount", "inputTokens" -> in = p.getLongValue();
          case "completion_tokens", "output_tokens", "candidatesTokenCount", "outputTokens" -> out = p.getLongValue();
          default -> { }
        }
      } else {
        p.skipChildren();
      }
    }
    return new Usage(in, out);
  }
}
