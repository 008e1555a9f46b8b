package dev.cordon.agent.ai;

import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Passes a provider's response body through unchanged while a {@link ResponseWatch} reads the token
 * usage out of it. The callback runs once, at end of stream or close, whichever comes first.
 */
public final class UsageTap extends ObservedStream {
  private final ResponseWatch watch;

  public UsageTap(InputStream in, boolean sse, Consumer<Usage> onDone) {
    super(in);
    this.watch = new ResponseWatch(sse, onDone);
  }

  @Override
  protected void seen(byte[] b, int off, int len) {
    watch.accept(b, off, len);
  }

  @Override
  protected void ended() {
    watch.finish();
  }
}
