package dev.cordon.agent.redact;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A non-streamed JSON response, redacted: the body is read whole on first read (bounded), its
 * model-text strings transformed, and the result served. A body that is not JSON, or in which
 * nothing changed, is served byte for byte.
 */
final class JsonRedactingStream extends InputStream {
  static final int MAX_BODY = 32 << 20;

  private final InputStream raw;
  private final CallRedaction redaction;
  private InputStream served;

  JsonRedactingStream(InputStream raw, CallRedaction redaction) {
    this.raw = raw;
    this.redaction = redaction;
  }

  private InputStream served() throws IOException {
    if (served != null) return served;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int n;
    while ((n = raw.read(chunk)) > 0) {
      buf.write(chunk, 0, n);
      if (buf.size() > MAX_BODY) {
        if (redaction.enforce()) {
          throw new IOException("Cordon: the response is larger than " + MAX_BODY + " bytes and cannot be redacted");
        }
        // Monitor mode: too large to count; serve it untouched.
        served = new java.io.SequenceInputStream(new ByteArrayInputStream(buf.toByteArray()), raw);
        return served;
      }
    }
    byte[] body = buf.toByteArray();
    byte[] out = body;
    try {
      Object tree = JsonTree.parse(body, 0, body.length);
      if (redaction.transformTree(tree) && redaction.enforce()) out = JsonTree.write(tree);
    } catch (IOException notJson) {
      // Not a JSON document (an HTML error page...): nothing Cordon can find model text in.
    }
    served = new ByteArrayInputStream(out);
    return served;
  }

  @Override
  public int read() throws IOException {
    return served().read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return served().read(b, off, len);
  }

  @Override
  public int available() throws IOException {
    return served == null ? 0 : served.available();
  }

  @Override
  public void close() throws IOException {
    raw.close();
  }
}
