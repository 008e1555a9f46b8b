package dev.cordon.agent.ai;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Watches a provider's response body go by, pushed in pieces by whichever client carries it (an
 * SDK's input stream, the JDK HttpClient's body subscriber, OkHttp's source), and reads the token
 * usage out of it: a JSON body is kept (up to a bound) and parsed at the end; a server-sent-event
 * stream is scanned line by line as it flows, so streaming stays streaming. The callback runs once,
 * at the end of the body or when it is abandoned, whichever comes first.
 */
public final class ResponseWatch {
  private static final int MAX_JSON = 8 << 20;
  private static final int MAX_LINE = 1 << 20;

  private final boolean sse;
  private final Consumer<Usage> onDone;
  // Sized for a typical chat answer or event line: growing from 32 bytes copied it five times.
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
  private boolean overflow;
  private Usage usage;
  private boolean done;

  public ResponseWatch(boolean sse, Consumer<Usage> onDone) {
    this.sse = sse;
    this.onDone = onDone;
  }

  public synchronized void accept(byte[] b, int off, int len) {
    if (done) return;
    if (!sse) {
      if (buffer.size() + len <= MAX_JSON) buffer.write(b, off, len);
      else overflow = true;
      return;
    }
    for (int i = off; i < off + len; i++) see(b[i]);
  }

  /** Reads the buffer's remaining bytes without moving its position. */
  public void accept(ByteBuffer buf) {
    ByteBuffer d = buf.duplicate();
    if (d.hasArray()) {
      accept(d.array(), d.arrayOffset() + d.position(), d.remaining());
    } else {
      byte[] copy = new byte[d.remaining()];
      d.get(copy);
      accept(copy, 0, copy.length);
    }
  }

  private void see(byte b) {
    if (b == '\n') endLine();
    else if (buffer.size() < MAX_LINE) buffer.write(b);
  }

  private void endLine() {
    byte[] line = buffer.toByteArray();
    buffer.reset();
    if (!(line.length > 5 && line[0] == 'd' && line[1] == 'a' && line[2] == 't' && line[3] == 'a' && line[4] == ':')) {
      return;
    }
    if (!Bytes.contains(line, 5, line.length, Bytes.USAGE_KEY)) return;
    Usage u = UsageReader.find(line, 5, line.length - 5);
    if (u.known()) usage = UsageReader.merge(usage, u);
  }


  /** The body ended (or was closed): reports the usage once. */
  public void finish() {
    Usage result;
    synchronized (this) {
      if (done) return;
      done = true;
      if (sse) {
        if (buffer.size() > 0) endLine();
        result = usage == null ? Usage.NONE : usage;
      } else {
        byte[] body = buffer.toByteArray();
        result = overflow ? Usage.NONE : UsageReader.find(body, 0, body.length);
      }
      buffer.reset();
    }
    onDone.accept(result);
  }
}
