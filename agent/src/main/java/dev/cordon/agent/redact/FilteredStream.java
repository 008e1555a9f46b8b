package dev.cordon.agent.redact;

import java.io.IOException;
import java.io.InputStream;

/** An input stream read through an {@link OutputFilter}: the application reads only what it released. */
public final class FilteredStream extends InputStream {
  private final InputStream raw;
  private final OutputFilter filter;
  private final byte[] chunk = new byte[8192];
  private byte[] out = new byte[0];
  private int pos;
  private boolean eof;

  public FilteredStream(InputStream raw, OutputFilter filter) {
    this.raw = raw;
    this.filter = filter;
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
    while (pos >= out.length) {
      if (eof) return -1;
      int n = raw.read(chunk, 0, chunk.length);
      if (n < 0) {
        eof = true;
        out = filter.end();
      } else {
        out = filter.pass(chunk, 0, n);
      }
      pos = 0;
    }
    int n = Math.min(len, out.length - pos);
    System.arraycopy(out, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return out.length - pos;
  }

  @Override
  public void close() throws IOException {
    raw.close();
  }
}
