package dev.cordon.agent.redact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A non-streamed JSON response, redacted: the body is held whole (bounded), its model-text strings
 * transformed at the end, and the result handed on. A body that is not JSON, or in which nothing
 * changed, is handed on byte for byte.
 */
final class JsonRedactor implements OutputFilter {
  static final int MAX_BODY = 32 << 20;
  private static final byte[] NONE = new byte[0];

  private final CallRedaction redaction;
  private ByteArrayOutputStream held = new ByteArrayOutputStream();

  JsonRedactor(CallRedaction redaction) {
    this.redaction = redaction;
  }

  @Override
  public byte[] pass(byte[] b, int off, int len) throws IOException {
    if (held == null) return copy(b, off, len);
    held.write(b, off, len);
    if (held.size() <= MAX_BODY) return NONE;
    if (redaction.enforce()) {
      throw new IOException("Cordon: the response is larger than " + MAX_BODY + " bytes and cannot be redacted");
    }
    // Monitor mode: too large to count; the rest goes through untouched.
    byte[] all = held.toByteArray();
    held = null;
    return all;
  }

  @Override
  public byte[] end() throws IOException {
    if (held == null) return NONE;
    byte[] body = held.toByteArray();
    held = null;
    try {
      Object tree = JsonTree.parse(body, 0, body.length);
      if (redaction.transformTree(tree) && redaction.enforce()) return JsonTree.write(tree);
    } catch (IOException notJson) {
      // Not a JSON document (an HTML error page...): nothing Cordon can find model text in.
    }
    return body;
  }

  private static byte[] copy(byte[] b, int off, int len) {
    byte[] c = new byte[len];
    System.arraycopy(b, off, c, 0, len);
    return c;
  }
}
