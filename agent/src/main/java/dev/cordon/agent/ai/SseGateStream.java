package dev.cordon.agent.ai;

import java.io.IOException;
import java.io.InputStream;

/** An event stream read through a {@link SseToolGate}: the application reads only checked lines. */
public final class SseGateStream extends InputStream {
  private final InputStream in;
  private final SseToolGate gate;
  private byte[] ready = new byte[0];
  private int pos;
  private boolean eof;

  public SseGateStream(InputStream in, SseToolGate gate) {
    this.in = in;
    this.gate = gate;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    while (pos >= ready.length) {
      if (eof) return -1;
      byte[] buf = new byte[8192];
      int n = in.read(buf, 0, buf.length);
      if (n < 0) {
        eof = true;
        ready = gate.finish();
      } else {
        ready = gate.accept(buf, 0, n);
      }
      pos = 0;
    }
    int n = Math.min(len, ready.length - pos);
    System.arraycopy(ready, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return ready.length - pos;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
