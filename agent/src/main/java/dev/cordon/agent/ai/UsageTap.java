package dev.cordon.agent.ai;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Passes a provider's response body through unchanged while a {@link ResponseWatch} reads the token
 * usage out of it. The callback runs once, at end of stream or close, whichever comes first.
 */
public final class UsageTap extends FilterInputStream {
  private final ResponseWatch watch;

  public UsageTap(InputStream in, boolean sse, Consumer<Usage> onDone) {
    super(in);
    this.watch = new ResponseWatch(sse, onDone);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) watch.finish();
    else watch.accept(new byte[] {(byte) b}, 0, 1);
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n < 0) watch.finish();
    else watch.accept(b, off, n);
    return n;
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      watch.finish();
    }
  }
}
