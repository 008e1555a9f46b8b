package dev.cordon.agent.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns an event into its exact line bytes, chained to the previous line. Not thread-safe: one
 * instance belongs to the log's writer, which is what makes {@code seq} gapless and the chain
 * linear.
 *
 * <p>Byte rule (spec 9): {@code hash} = lowercase hex SHA-256 of the line's UTF-8 bytes with the
 * final {@code ,"hash":"<64 hex>"} removed, so the hashed text ends with
 * {@code "prev":"<64 hex>"}}. The hash is computed over the very bytes that are written, never a
 * re-serialisation.
 */
final class LineEncoder {
  static final String ZERO_HASH = "0".repeat(64);

  /** Millisecond precision always printed: {@link Instant#toString()} drops zero fractions. */
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final HexFormat HEX = HexFormat.of();
  private static final JsonFactory JSON = new JsonFactory();

  private final String service;
  private final long pid;
  private final MessageDigest sha256;
  private final StringBuilder sb = new StringBuilder(512);

  private long seq;
  private String prev = ZERO_HASH;

  LineEncoder(String service, long pid) {
    this.service = service;
    this.pid = pid;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** Continues the chain after a line with this seq and hash (0 and zeros for a new log). */
  void resume(long lastSeq, String lastHash) {
    this.seq = lastSeq;
    this.prev = lastHash;
  }

  long lastSeq() {
    return seq;
  }

  String lastHash() {
    return prev;
  }

  /** A finished line: its bytes (ending in '\n'), its seq and its hash. */
  record Line(byte[] bytes, long seq, String hash) {}

  /** Encodes the next line of the chain and advances it. */
  Line encode(AuditEvent e) {
    Line line = encodeAs(e);
    if (line != null) return line;
    // Too long even with every value capped (thousands of members): keep the chain verifiable.
    return encodeAs(AuditEvent.of("agent.error")
        .put("error", "audit_line_too_long")
        .put("event_action", e.action()));
  }

  /** Null when the line would exceed the log's line limit. */
  private Line encodeAs(AuditEvent e) {
    long nextSeq = seq + 1;
    StringBuilder b = sb;
    b.setLength(0);
    b.append("{\"ts\":\"");
    TS.formatTo(Instant.ofEpochMilli(e.epochMillis), b);
    b.append("\",\"seq\":").append(nextSeq);
    b.append(",\"service\":");
    JsonText.appendString(b, service);
    b.append(",\"pid\":").append(pid);
    b.append(",\"thread\":");
    JsonText.appendString(b, e.thread);

    List<String> names = FieldOrder.CALLER_FIELDS;
    boolean decisionEvent = e.known[FieldOrder.DECISION] != null;
    for (int i = 0; i < names.size(); i++) {
      Object v = e.known[i];
      if (v == null && i == FieldOrder.RULE && decisionEvent) v = AuditEvent.NULL;
      if (v != null) member(b, names.get(i), v);
    }
    for (int i = 0; i < e.extraKeys.size(); i++) member(b, e.extraKeys.get(i), e.extraValues.get(i));

    b.append(",\"prev\":\"").append(prev).append("\"}");
    byte[] hashed = b.toString().getBytes(StandardCharsets.UTF_8);
    if (hashed.length > LogTail.MAX_LINE - 128) return null;
    String hash = HEX.formatHex(sha256.digest(hashed));

    // The written line is the hashed text with the closing brace replaced by the hash member.
    byte[] suffix = (",\"hash\":\"" + hash + "\"}\n").getBytes(StandardCharsets.US_ASCII);
    byte[] line = new byte[hashed.length - 1 + suffix.length];
    System.arraycopy(hashed, 0, line, 0, hashed.length - 1);
    System.arraycopy(suffix, 0, line, hashed.length - 1, suffix.length);

    seq = nextSeq;
    prev = hash;
    return new Line(line, nextSeq, hash);
  }

  private static void member(StringBuilder b, String key, Object v) {
    b.append(',');
    JsonText.appendString(b, key);
    b.append(':');
    value(b, v);
  }

  private static void value(StringBuilder b, Object v) {
    if (v == AuditEvent.NULL) {
      b.append("null");
    } else if (v instanceof String s) {
      JsonText.appendString(b, s);
    } else if (v instanceof Long || v instanceof Boolean) {
      b.append(v);
    } else if (v instanceof Map<?, ?> m) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> en : m.entrySet()) {
        if (!first) b.append(',');
        first = false;
        JsonText.appendString(b, String.valueOf(en.getKey()));
        b.append(':').append(en.getValue() == null ? "null" : en.getValue().toString());
      }
      b.append('}');
    } else if (v instanceof AuditEvent.Raw r) {
      if (isOneJsonValue(r.json())) b.append(r.json());
      else JsonText.appendString(b, r.json());
    } else {
      JsonText.appendString(b, String.valueOf(v));
    }
  }

  /**
   * True when {@code json} is exactly one JSON value with nothing after it and no raw line break
   * (a pretty-printed object would split the line). Invalid raw input is stored as a string.
   */
  static boolean isOneJsonValue(String json) {
    if (json.isEmpty() || json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0
        || json.indexOf('\u2028') >= 0 || json.indexOf('\u2029') >= 0) {
      return false;
    }
    try (JsonParser p = JSON.createParser(json)) {
      p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      if (p.nextToken() == null) return false;
      p.skipChildren();
      return p.nextToken() == null;
    } catch (Exception e) {
      return false;
    }
  }
}
