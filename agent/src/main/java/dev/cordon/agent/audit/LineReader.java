package dev.cordon.agent.audit;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at '\n' without decoding it: the verifier must hash the exact
 * bytes, and JSON escapes every other line break inside strings. Streams, so a log of any size
 * needs memory for one line only.
 */
final class LineReader {
  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int end;
  private byte[] line = new byte[4096];
  private int length;
  private boolean terminated;
  private boolean tooLong;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** Reads the next line; false at the end of the stream. */
  boolean next() throws IOException {
    length = 0;
    tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == end) {
        end = in.read(buf, 0, buf.length);
        pos = 0;
        if (end <= 0) {
          end = 0;
          terminated = false;
          return any;
        }
      }
      any = true;
      int start = pos;
      while (pos < end && buf[pos] != '\n') pos++;
      append(start, pos - start);
      if (pos < end) {
        pos++; // the newline
        terminated = true;
        return true;
      }
    }
  }

  private void append(int from, int n) {
    if (tooLong || n == 0) return;
    if (length + n > LogTail.MAX_LINE) {
      tooLong = true; // keep reading to the newline, but do not hold the line
      return;
    }
    if (length + n > line.length) {
      line = Arrays.copyOf(line, Math.max(length + n, Math.min(line.length * 2, LogTail.MAX_LINE)));
    }
    System.arraycopy(buf, from, line, length, n);
    length += n;
  }

  /** The current line's bytes, valid up to {@link #length()}; reused by the next call. */
  byte[] bytes() {
    return line;
  }

  int length() {
    return length;
  }

  /** False when the current line is the last one and the stream ended without a newline. */
  boolean terminated() {
    return terminated;
  }

  /** True when the line exceeded {@link LogTail#MAX_LINE}; its bytes were not kept. */
  boolean tooLong() {
    return tooLong;
  }
}
