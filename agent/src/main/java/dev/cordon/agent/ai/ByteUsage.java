package dev.cordon.agent.ai;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Reads token usage from response bytes fed to it in pieces, for clients whose response body is a
 * stream of buffers rather than an InputStream (the AWS SDK's async publisher) or binary
 * (AWS event streams, where each message's JSON payload is framed by a length prelude and CRCs).
 * A JSON body is kept up to a bound and parsed at the end; an event stream is parsed message by
 * message as it flows, so memory stays bounded by one message.
 */
public final class ByteUsage {
  private static final int MAX_JSON = 8 << 20;
  private static final int MAX_MESSAGE = 16 << 20;

  private final boolean eventStream;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private boolean overflow;
  private Usage usage;

  public ByteUsage(boolean eventStream) {
    this.eventStream = eventStream;
  }

  public synchronized void feed(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] bytes = new byte[d.remaining()];
    d.get(bytes);
    feed(bytes, 0, bytes.length);
  }

  public synchronized void feed(byte[] b, int off, int len) {
    if (overflow) return;
    if (!eventStream) {
      if (buffer.size() + len > MAX_JSON) overflow = true;
      else buffer.write(b, off, len);
      return;
    }
    buffer.write(b, off, len);
    drainMessages();
  }

  /** Event stream: total length (4), headers length (4), prelude CRC (4), headers, payload, message CRC (4). */
  private void drainMessages() {
    byte[] all = buffer.toByteArray();
    int pos = 0;
    while (all.length - pos >= 12) {
      int total = ByteBuffer.wrap(all, pos, 4).getInt();
      int headers = ByteBuffer.wrap(all, pos + 4, 4).getInt();
      if (total < 16 || total > MAX_MESSAGE || headers < 0 || headers > total - 16) {
        overflow = true; // not an event stream after all: give up on usage, never on the response
        return;
      }
      if (all.length - pos < total) break;
      int payload = pos + 12 + headers;
      int payloadLen = total - 16 - headers;
      if (Bytes.contains(all, payload, payload + payloadLen, Bytes.USAGE_KEY)) {
        see(all, payload, payloadLen);
      } else if (Bytes.contains(all, payload, payload + payloadLen, BYTES)) {
        // InvokeModelWithResponseStream: {"bytes":"<base64 of the model's own stream event>"}.
        byte[] inner = innerBytes(all, payload, payloadLen);
        if (inner != null && Bytes.contains(inner, 0, inner.length, Bytes.USAGE_KEY)) see(inner, 0, inner.length);
      }
      pos += total;
    }
    buffer.reset();
    buffer.write(all, pos, all.length - pos);
  }

  private static final byte[] BYTES = {'"', 'b', 'y', 't', 'e', 's', '"'};

  private void see(byte[] b, int off, int len) {
    Usage u = UsageReader.find(b, off, len);
    if (u.known()) usage = UsageReader.merge(usage, u);
  }

  private static byte[] innerBytes(byte[] b, int off, int len) {
    String s = new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8);
    int k = s.indexOf("\"bytes\"");
    int start = s.indexOf('"', s.indexOf(':', k) + 1);
    int end = start < 0 ? -1 : s.indexOf('"', start + 1);
    if (start < 0 || end < 0) return null;
    try {
      return java.util.Base64.getDecoder().decode(s.substring(start + 1, end));
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }


  public synchronized Usage result() {
    if (eventStream) return usage == null ? Usage.NONE : usage;
    if (overflow) return Usage.NONE;
    byte[] body = buffer.toByteArray();
    return UsageReader.find(body, 0, body.length);
  }
}
