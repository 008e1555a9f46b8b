package dev.cordon.agent.ai;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Passes a provider's response body through unchanged while reading the token usage out of it:
 * a JSON body is kept (up to a bound) and parsed when it ends; a server-sent-event stream is
 * scanned line by line as it flows, so streaming stays streaming. The callback runs once, at end
 * of stream or close, whichever comes first.
 */
public final class UsageTap extends FilterInputStream {
  private static final int MAX_JSON = 8 << 20;
  private static final int MAX_LINE = 1 << 20;

  private final boolean sse;
  private final Consumer<Usage> onDone;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private boolean overflow;
  private Usage usage;
  private boolean done;

  public UsageTap(InputStream in, boolean sse, Consumer<Usage> onDone) {
    super(in);
    this.sse = sse;
    this.onDone = onDone;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) finish();
    else see((byte) b);
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n < 0) finish();
    else for (int i = 0; i < n; i++) see(b[off + i]);
    return n;
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      finish();
    }
  }

  private void see(byte b) {
    if (!sse) {
      if (buffer.size() < MAX_JSON) buffer.write(b);
      else overflow = true;
      return;
    }
    if (b == '\n') {
      endLine();
    } else if (buffer.size() < MAX_LINE) {
      buffer.write(b);
    }
  }

  private void endLine() {
    byte[] line = buffer.toByteArray();
    buffer.reset();
    int start = 0;
    if (line.length > 5 && line[0] == 'd' && line[1] == 'a' && line[2] == 't' && line[3] == 'a' && line[4] == ':') {
      start = 5;
    } else {
      return;
    }
    if (!contains(line, start, USAGE)) return;
    Usage u = UsageReader.find(line, start, line.length - start);
    if (u.known()) usage = UsageReader.merge(usage, u);
  }

  /** {@code "usage} also finds Gemini's {@code "usageMetadata"}. */
  private static final byte[] USAGE = {'"', 'u', 's', 'a', 'g', 'e'};

  private static boolean contains(byte[] hay, int from, byte[] needle) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return true;
    }
    return false;
  }

  private synchronized void finish() {
    if (done) return;
    done = true;
    Usage result;
    if (sse) {
      if (buffer.size() > 0) endLine();
      result = usage == null ? Usage.NONE : usage;
    } else {
      byte[] body = buffer.toByteArray();
      result = overflow ? Usage.NONE : UsageReader.find(body, 0, body.length);
    }
    onDone.accept(result);
  }
}
