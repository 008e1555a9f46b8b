package dev.cordon.agent.audit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checks an audit log's hash chain with the byte-level rule of spec section 9, streaming (logs can
 * be gigabytes), and names the first broken line and what most likely happened to it.
 *
 * <p>Checks per line, in this order, so the message names the cause rather than a symptom: one
 * JSON object with {@code prev} and {@code hash} as its last members; its hash matches its bytes
 * (else it was edited); its {@code seq} is the previous one plus one (else a line was deleted,
 * inserted or moved); its {@code prev} is the previous line's hash.
 *
 * <p>One kind of broken line is accepted: a line torn by a crash mid-write, when the log's next
 * line records that fragment's length and SHA-256 and continues the chain from the line before it
 * (the log writes such a line when it reopens a torn file). Removing whole lines from the end of
 * a log cannot be seen from the log alone: compare {@link Result#lastHash()} with a copy kept
 * elsewhere for that.
 */
public final class AuditVerifier {
  private AuditVerifier() {}

  private static final HexFormat HEX = HexFormat.of();

  /**
   * The outcome.
   *
   * @param ok the whole chain verified
   * @param lines lines read (all of them when ok)
   * @param line the first broken line (1-based); 0 when ok
   * @param reason what is wrong with it, without the line number; null when ok
   * @param lastHash hash of the last verified line (64 zeros for an empty log)
   * @param tornLines incomplete lines left by crashes and recorded by the log
   */
  public record Result(
      boolean ok, long lines, long line, String reason, String lastHash, long tornLines) {
    /** {@code OK: N lines, chain intact} or {@code line N: reason}. */
    public String message() {
      if (!ok) return "line " + line + ": " + reason;
      String msg = "OK: " + lines + " lines, chain intact";
      if (tornLines > 0) {
        msg += " (" + tornLines + " incomplete line" + (tornLines == 1 ? "" : "s")
            + " left by a crash, recorded in the log)";
      }
      return msg;
    }

    @Override
    public String toString() {
      return message();
    }
  }

  public static Result verify(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return verify(in);
    }
  }

  public static Result verify(InputStream in) throws IOException {
    return new Run(new LineReader(new BufferedInputStream(in, 1 << 16))).run();
  }

  /** The state of one verification. */
  private static final class Run {
    private final LineReader reader;
    private final MessageDigest sha256;
    private long lineNo;
    private long expectedSeq = 1;
    private String lastHash = LineEncoder.ZERO_HASH;
    private long torn;

    Run(LineReader reader) {
      this.reader = reader;
      try {
        this.sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    Result run() throws IOException {
      while (reader.next()) {
        lineNo++;
        ChainLine.Parsed p = parseCurrent();
        if (!p.wellFormed()) {
          if (!reader.terminated()) {
            return broken(lineNo, "truncated (the file ends in the middle of a line)");
          }
          // A torn line is fine only if the next line records exactly this fragment.
          long brokenLine = lineNo;
          String problem = p.problem();
          int tornLen = reader.length();
          String tornSha = reader.tooLong() ? null : sha(reader.bytes(), tornLen);
          if (!reader.next()) return broken(brokenLine, problem);
          lineNo++;
          ChainLine.Parsed next = parseCurrent();
          if (tornSha == null || !next.wellFormed() || next.tornBytes() != tornLen
              || !tornSha.equals(next.tornSha256())) {
            return broken(brokenLine, problem);
          }
          torn++;
          p = next;
        }
        Result r = checkChain(p);
        if (r != null) return r;
        if (!reader.terminated()) {
          return broken(lineNo, "truncated (no newline at the end of the file)");
        }
        lastHash = p.hash();
        expectedSeq = p.seq() + 1;
      }
      return new Result(true, lineNo, 0, null, lastHash, torn);
    }

    private ChainLine.Parsed parseCurrent() {
      if (reader.tooLong()) {
        return ChainLine.Parsed.bad("longer than " + LogTail.MAX_LINE + " bytes (not an audit line)");
      }
      return ChainLine.parse(reader.bytes(), reader.length(), sha256);
    }

    /** Null when the line continues the chain; else the failure. */
    private Result checkChain(ChainLine.Parsed p) throws IOException {
      if (!p.hashMatches()) return broken(lineNo, "hash does not match its content (edited)");
      long seq = p.seq();
      if (seq != expectedSeq) {
        if (lineNo == 1) {
          return broken(1, "seq " + seq + ", expected 1 (the beginning of the log is missing)");
        }
        long prevSeq = expectedSeq - 1;
        if (seq > expectedSeq) {
          long here = lineNo;
          // One line of look-ahead tells a swap from a deletion: the missing seq comes next.
          if (reader.next()) {
            ChainLine.Parsed next = parseCurrent();
            if (next.wellFormed() && next.seq() == expectedSeq) {
              return broken(here, "seq " + seq + " follows " + prevSeq + " (lines reordered)");
            }
          }
          return broken(here, "seq " + seq + " follows " + prevSeq + " (a line was deleted)");
        }
        return broken(lineNo,
            "seq " + seq + " follows " + prevSeq + " (a line was inserted or reordered)");
      }
      if (!p.prev().equals(lastHash)) {
        if (lineNo == 1) {
          return broken(1, "prev is not 64 zeros (the beginning of the log is missing)");
        }
        return broken(lineNo,
            "prev does not match line " + (lineNo - 1) + "'s hash (inserted or reordered)");
      }
      return null;
    }

    private String sha(byte[] bytes, int len) {
      sha256.reset();
      sha256.update(bytes, 0, len);
      return HEX.formatHex(sha256.digest());
    }

    private Result broken(long line, String reason) {
      return new Result(false, lineNo, line, reason, lastHash, torn);
    }
  }
}
