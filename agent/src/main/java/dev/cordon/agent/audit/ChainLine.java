package dev.cordon.agent.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Reads the chain members of one written line, byte-exactly. Shared by the verifier and by the log
 * when it continues an existing file, so both agree on what a valid line is.
 *
 * <p>A line is valid when it is one JSON object (no duplicate keys), its last two members are
 * {@code "prev":"<64 hex>"} and {@code "hash":"<64 hex>"} at the byte level, it has an integer
 * {@code seq}, and the hash is the SHA-256 of the line with {@code ,"hash":"<64 hex>"} removed.
 */
final class ChainLine {
  private ChainLine() {}

  /** Jackson's default string limit (20M) is below the line limit the log itself allows. */
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(LogTail.MAX_LINE).build())
      .build();
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] HASH_KEY = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PREV_KEY = ",\"prev\":\"".getBytes(StandardCharsets.US_ASCII);
  /** {@code ,"hash":"} + 64 hex + {@code "}} */
  private static final int HASH_SUFFIX = HASH_KEY.length + 64 + 2;
  /** {@code ,"prev":"} + 64 hex + {@code "} */
  private static final int PREV_MEMBER = PREV_KEY.length + 64 + 1;

  /** What a line says about itself; {@code problem} is null when the line is well formed. */
  record Parsed(
      long seq, String prev, String hash, boolean hashMatches, String problem,
      long tornBytes, String tornSha256) {
    static Parsed bad(String problem) {
      return new Parsed(-1, null, null, false, problem, -1, null);
    }

    boolean wellFormed() {
      return problem == null;
    }
  }

  /**
   * Parses {@code line[0, len)} (without its newline). {@code sha256} is reused by the caller's
   * thread; it is reset here.
   */
  static Parsed parse(byte[] line, int len, MessageDigest sha256) {
    if (len == 0) return Parsed.bad("empty line (not JSON)");
    long seq = Long.MIN_VALUE;
    String jsonPrev = null;
    String jsonHash = null;
    long tornBytes = -1;
    String tornSha = null;
    try (JsonParser p = JSON.createParser(line, 0, len)) {
      p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      if (p.nextToken() != JsonToken.START_OBJECT) return Parsed.bad("not a JSON object");
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "seq" -> {
            if (v != JsonToken.VALUE_NUMBER_INT) return Parsed.bad("\"seq\" is not an integer");
            seq = p.getLongValue();
          }
          case "prev" -> jsonPrev = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "hash" -> jsonHash = v == JsonToken.VALUE_STRING ? p.getText() : null;
          // Written by the log after a crash tore its last line; lets the verifier accept it.
          case "torn_bytes" -> tornBytes = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
          case "torn_sha256" -> tornSha = v == JsonToken.VALUE_STRING ? p.getText() : null;
          default -> p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT) return Parsed.bad("not a JSON object");
      if (p.nextToken() != null) return Parsed.bad("text after the JSON object");
    } catch (Exception e) {
      return Parsed.bad("not valid JSON (" + firstLine(e.getMessage()) + ")");
    }
    if (seq == Long.MIN_VALUE) return Parsed.bad("no \"seq\" member");

    // Byte-level layout: ...,"prev":"<64 hex>","hash":"<64 hex>"}
    int hashStart = len - HASH_SUFFIX;
    if (hashStart < 1 || !startsWith(line, hashStart, HASH_KEY)
        || line[len - 2] != '"' || line[len - 1] != '}'
        || !isHex(line, hashStart + HASH_KEY.length, 64)) {
      return Parsed.bad("\"hash\" is not the last member");
    }
    int prevStart = hashStart - PREV_MEMBER;
    if (prevStart < 1 || !startsWith(line, prevStart, PREV_KEY)
        || line[hashStart - 1] != '"' || !isHex(line, prevStart + PREV_KEY.length, 64)) {
      return Parsed.bad("\"prev\" is not the member before \"hash\"");
    }
    String hash = ascii(line, hashStart + HASH_KEY.length, 64);
    String prev = ascii(line, prevStart + PREV_KEY.length, 64);
    // The parsed members must be the ones found at the end, not look-alikes.
    if (!hash.equals(jsonHash) || !prev.equals(jsonPrev)) {
      return Parsed.bad("\"prev\"/\"hash\" members are malformed");
    }

    sha256.reset();
    sha256.update(line, 0, hashStart);
    sha256.update((byte) '}');
    boolean matches = HEX.formatHex(sha256.digest()).equals(hash);
    return new Parsed(seq, prev, hash, matches, null, tornBytes, tornSha);
  }

  private static boolean startsWith(byte[] b, int at, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) if (b[at + i] != prefix[i]) return false;
    return true;
  }

  /** Lowercase hex only: the format says lowercase, so uppercase is a different (edited) line. */
  private static boolean isHex(byte[] b, int at, int n) {
    for (int i = at; i < at + n; i++) {
      byte c = b[i];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
  }

  private static String ascii(byte[] b, int at, int n) {
    return new String(b, at, n, StandardCharsets.US_ASCII);
  }

  private static String firstLine(String s) {
    if (s == null) return "unreadable";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
