package dev.cordon.agent.ai;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body passed through unchanged to the application while the agent looks at every
 * byte it reads ({@link #seen}) and learns, once, that the body is over ({@link #ended}): at its
 * end or when it is closed, whichever comes first.
 */
public abstract class ObservedStream extends FilterInputStream {
  private boolean ended;

  protected ObservedStream(InputStream in) {
    super(in);
  }

  /** Bytes the application has just read. */
  protected abstract void seen(byte[] b, int off, int len);

  /** The body ended or was closed; called once. */
  protected abstract void ended();

  @Override
  public int read() throws IOException {
    int c = super.read();
    if (c < 0) end();
    else seen(new byte[] {(byte) c}, 0, 1);
    return c;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n < 0) end();
    else seen(b, off, n);
    return n;
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      end();
    }
  }

  private void end() {
    if (ended) return;
    ended = true;
    ended();
  }
}
