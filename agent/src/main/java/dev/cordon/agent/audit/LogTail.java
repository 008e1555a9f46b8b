package dev.cordon.agent.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Where an existing log file's chain stands, read from its end only (logs can be gigabytes): the
 * last complete line's seq and hash, and a torn last line (a crash mid-write) if there is one.
 *
 * @param size file size when read
 * @param lastSeq seq of the last complete line; 0 when there is none
 * @param lastHash its hash; 64 zeros when there is none
 * @param needsNewline the file does not end with a newline; the next write must start with one
 * @param tornBytes length of an unterminated last line that is not a whole chain line (0 if none)
 * @param tornSha256 hex SHA-256 of that fragment, recorded in the audit so a verifier can accept it
 * @param restartReason why the chain cannot be continued (last line is not a chain line); else null
 */
record LogTail(
    long size,
    long lastSeq,
    String lastHash,
    boolean needsNewline,
    long tornBytes,
    String tornSha256,
    String restartReason) {

  /** Lines longer than this are not audit lines; refusing them bounds memory. */
  static final int MAX_LINE = 64 << 20;

  private static final int CHUNK = 64 << 10;

  static LogTail empty() {
    return new LogTail(0, 0, LineEncoder.ZERO_HASH, false, 0, null, null);
  }

  static LogTail read(FileChannel ch, MessageDigest sha256) throws IOException {
    long size = ch.size();
    if (size == 0) return empty();
    long lastNl = lastNewlineBefore(ch, size);
    long tornBytes = size - (lastNl + 1);
    if (tornBytes > 0 && tornBytes <= MAX_LINE) {
      // A write cut just before its newline leaves a whole line: continue from it as it is.
      ChainLine.Parsed whole = parseLine(ch, lastNl + 1, size, sha256);
      if (whole.wellFormed() && whole.hashMatches()) {
        return new LogTail(size, whole.seq(), whole.hash(), true, 0, null, null);
      }
    }
    String tornSha = tornBytes == 0 ? null : sha256Of(ch, lastNl + 1, size, sha256);
    if (lastNl < 0) {
      return new LogTail(size, 0, LineEncoder.ZERO_HASH, tornBytes > 0, tornBytes, tornSha, null);
    }
    long prevNl = lastNewlineBefore(ch, lastNl);
    if (lastNl - (prevNl + 1) > MAX_LINE) {
      return restart(size, tornBytes, tornSha, "last line is longer than " + MAX_LINE + " bytes");
    }
    ChainLine.Parsed p = parseLine(ch, prevNl + 1, lastNl, sha256);
    if (!p.wellFormed()) return restart(size, tornBytes, tornSha, "last line: " + p.problem());
    // An edited (hash-mismatching) last line still carries its seq and hash: continuing from them
    // keeps the rest of the chain linked, and the verifier reports the edited line itself.
    return new LogTail(size, p.seq(), p.hash(), tornBytes > 0, tornBytes, tornSha, null);
  }

  private static ChainLine.Parsed parseLine(FileChannel ch, long from, long to, MessageDigest sha)
      throws IOException {
    byte[] line = new byte[(int) (to - from)];
    readFully(ch, ByteBuffer.wrap(line), from);
    return ChainLine.parse(line, line.length, sha);
  }

  private static LogTail restart(long size, long tornBytes, String tornSha, String reason) {
    return new LogTail(size, 0, LineEncoder.ZERO_HASH, tornBytes > 0, tornBytes, tornSha, reason);
  }

  /** Position of the last '\n' strictly before {@code end}, or -1. */
  private static long lastNewlineBefore(FileChannel ch, long end) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    long pos = end;
    while (pos > 0) {
      int n = (int) Math.min(CHUNK, pos);
      long start = pos - n;
      buf.clear().limit(n);
      readFully(ch, buf, start);
      for (int i = n - 1; i >= 0; i--) if (buf.get(i) == '\n') return start + i;
      pos = start;
    }
    return -1;
  }

  private static String sha256Of(FileChannel ch, long from, long to, MessageDigest sha256)
      throws IOException {
    sha256.reset();
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    for (long pos = from; pos < to; ) {
      int n = (int) Math.min(CHUNK, to - pos);
      buf.clear().limit(n);
      readFully(ch, buf, pos);
      buf.flip();
      sha256.update(buf);
      pos += n;
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int r = ch.read(buf, pos);
      if (r < 0) throw new IOException("file shrank while its tail was read");
      pos += r;
    }
  }
}
