package dev.cordon.agent.redact;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.cordon.redact.Counts;
import dev.cordon.redact.Redactor;
import dev.cordon.redact.TypeSet;
import dev.cordon.redact.Vault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;

/**
 * Redacts the prompt inside a provider's JSON request body, whatever the provider: the text-bearing
 * members under the prompt roots (OpenAI chat {@code messages[*].content} as a string or as parts'
 * {@code text}, tool results, {@code tool_calls[*].function.arguments}; Responses {@code input} and
 * {@code instructions}, {@code function_call_output.output}; embeddings {@code input}; Anthropic
 * {@code system} and {@code messages[*].content[*].text}, tool results; Gemini
 * {@code contents[*].parts[*].text}). Structural strings (role, type, name, ids, URLs, base64
 * media) are left alone.
 *
 * <p>The body is not re-serialized: a streaming parser finds the byte range of each string to
 * change and only those ranges are replaced, so everything else reaches the provider byte for byte.
 */
public final class PromptRewriter {
  private PromptRewriter() {}

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final Set<String> ROOTS =
      Set.of("messages", "system", "instructions", "input", "prompt", "contents", "systemInstruction");
  /** Members whose string values (or arrays of strings) are prompt text, at any depth under a root. */
  private static final Set<String> TEXT =
      Set.of("content", "text", "output", "arguments", "input", "instructions", "system", "prompt", "refusal");

  /**
   * @param body the new body, or null when nothing changed
   * @param counts what was found, per type
   * @param text the prompt's text after redaction (for {@code audit.prompts: redacted}), or null if not asked for
   */
  public record Result(byte[] body, Counts counts, String text) {}

  public static Result rewrite(byte[] body, Redactor redactor, TypeSet types, Vault vault, boolean wantText)
      throws IOException {
    Walk w = new Walk(body, redactor, types, vault, wantText);
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("request body is not a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (ROOTS.contains(name)) w.value(p, v, true);
        else p.skipChildren();
      }
    }
    return new Result(w.changed ? w.finish() : null, w.counts, wantText ? w.text.toString() : null);
  }

  private static final class Walk {
    final byte[] body;
    final Redactor redactor;
    final TypeSet types;
    final Vault vault;
    final Counts counts;
    final StringBuilder text;
    final ByteArrayOutputStream out;
    int copied;
    boolean changed;

    Walk(byte[] body, Redactor redactor, TypeSet types, Vault vault, boolean wantText) {
      this.body = body;
      this.redactor = redactor;
      this.types = types;
      this.vault = vault;
      this.counts = redactor.newCounts();
      this.text = wantText ? new StringBuilder() : null;
      this.out = new ByteArrayOutputStream(body.length + 64);
    }

    void value(JsonParser p, JsonToken t, boolean isText) throws IOException {
      switch (t) {
        case VALUE_STRING -> {
          if (isText) string(p);
        }
        case START_OBJECT -> {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            value(p, p.nextToken(), TEXT.contains(name));
          }
        }
        case START_ARRAY -> {
          JsonToken e;
          while ((e = p.nextToken()) != JsonToken.END_ARRAY && e != null) value(p, e, isText);
        }
        default -> { }
      }
    }

    void string(JsonParser p) throws IOException {
      int start = (int) p.currentTokenLocation().getByteOffset();
      String s = p.getText();
      int end = (int) p.currentLocation().getByteOffset();
      String r = redactor.redact(s, types, counts, vault);
      if (text != null) {
        if (text.length() > 0) text.append('\n');
        text.append(r);
      }
      if (r == s) return;
      if (start < copied || end > body.length || body[start] != '"' || body[end - 1] != '"') {
        throw new IOException("cannot locate a prompt string in the request body");
      }
      out.write(body, copied, start - copied);
      out.write('"');
      byte[] enc = JsonStringEncoder.getInstance().quoteAsUTF8(r);
      out.write(enc, 0, enc.length);
      out.write('"');
      copied = end;
      changed = true;
    }

    byte[] finish() {
      out.write(body, copied, body.length - copied);
      return out.toByteArray();
    }
  }
}
