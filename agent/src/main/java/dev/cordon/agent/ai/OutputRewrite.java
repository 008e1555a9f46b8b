package dev.cordon.agent.ai;

import dev.cordon.agent.redact.OutputFilter;
import java.io.IOException;

/**
 * Output redaction on a raw transport (JDK HttpClient, OkHttp, HttpURLConnection): the response
 * bytes, pushed as the client receives them, come out as the application must see them. In
 * monitor mode the bytes pass unchanged and a copy is only counted; in enforce mode what comes out
 * is the redacted body, which may differ in length from what the provider sent (the transports drop
 * its Content-Length). A fault in the redaction is audited as {@code agent.error}, then fails
 * closed (enforce: the read fails, nothing unredacted is handed on) or open (monitor).
 */
public final class OutputRewrite implements OutputFilter {
  private static final byte[] NONE = new byte[0];

  private final AiCall call;
  private final OutputFilter filter;
  private final boolean enforce;
  private final String refused;
  private boolean broken;

  OutputRewrite(AiCall call, OutputFilter filter, boolean enforce, String refused) {
    this.call = call;
    this.filter = filter;
    this.enforce = enforce;
    this.refused = refused;
  }

  /** Whether the application may receive other bytes than the provider sent (so no Content-Length holds). */
  public boolean changesBody() {
    return enforce;
  }

  /** The next bytes received; returns those to hand to the application now. */
  @Override
  public synchronized byte[] pass(byte[] b, int off, int len) throws IOException {
    if (refused != null) throw refuse();
    if (!enforce) {
      count(b, off, len);
      return copy(b, off, len);
    }
    if (broken) throw withheld();
    try {
      return filter.pass(b, off, len);
    } catch (IOException | RuntimeException e) {
      throw failClosed(e);
    }
  }

  /** The body ended: what is still held back. */
  @Override
  public synchronized byte[] end() throws IOException {
    if (refused != null) throw refuse();
    if (!enforce) {
      if (!broken) {
        try {
          filter.end();
        } catch (IOException | RuntimeException e) {
          broken = true;
          call.outputFault(e, false);
        }
      }
      return NONE;
    }
    if (broken) throw withheld();
    try {
      return filter.end();
    } catch (IOException | RuntimeException e) {
      throw failClosed(e);
    }
  }

  /** The whole body at once (a response held back for its tool calls). */
  public byte[] whole(byte[] body) throws IOException {
    byte[] head = pass(body, 0, body.length);
    byte[] tail = end();
    if (!enforce) return body;
    if (head.length == 0) return tail;
    byte[] all = new byte[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  private void count(byte[] b, int off, int len) {
    if (broken) return;
    try {
      filter.pass(b, off, len);
    } catch (IOException | RuntimeException e) {
      broken = true;
      call.outputFault(e, false);
    }
  }

  /** The call's entry is written now, with the error: the application's read fails and it may never close the body. */
  private IOException refuse() {
    IOException e = new IOException(refused);
    call.failed(e);
    return e;
  }

  private IOException failClosed(Throwable e) {
    broken = true;
    call.outputFault(e, true);
    call.failed(e);
    return new IOException("Cordon failed closed: the response could not be redacted (" + AiGovernor.describe(e)
        + "); it is withheld", e);
  }

  private static IOException withheld() {
    return new IOException("Cordon failed closed: the response could not be redacted; it is withheld");
  }

  private static byte[] copy(byte[] b, int off, int len) {
    byte[] c = new byte[len];
    System.arraycopy(b, off, c, 0, len);
    return c;
  }
}
