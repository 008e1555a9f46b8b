package dev.cordon.agent.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends chained lines to one file. Every method is synchronized: normally only the log's writer
 * thread calls it, but after {@link AuditLog#close()} late events are written synchronously by
 * their own threads, and both must continue the same seq and chain.
 *
 * <p>Each batch is written under an exclusive file lock, and the file size is compared with what
 * this writer last left: if another writer (a second JVM with the same audit file, or a rotation
 * tool that replaced the file) got there in between, the chain is re-read from the file's tail
 * instead of forking it.
 *
 * <p>I/O failures never reach the caller: the batch stays with the caller to be retried, one line
 * goes to stderr per outage, and the outage is audited once the file is writable again.
 */
final class ChainWriter {
  /** One monitor per file in this JVM: FileLock is per process and throws on overlap. */
  private static final ConcurrentHashMap<Path, Object> FILE_MONITORS = new ConcurrentHashMap<>();

  private final Path file;
  private final boolean fsync;
  private final PrintStream stderr;
  private final LineEncoder encoder;
  private final MessageDigest tailDigest;
  private final Object fileMonitor;
  /** Events refused by back-pressure while the file was failing; reported when it recovers. */
  final AtomicLong lost = new AtomicLong();

  private FileChannel channel;
  private boolean resync = true;
  private long expectedSize = -1;
  private boolean lockUnsupported;
  private volatile boolean failing;
  private String failure;

  /** Events about the file's state found by the last tail read (torn line, chain restart). */
  private final List<AuditEvent> tailEvents = new ArrayList<>();
  /** A torn last line must be ended before the next line starts. */
  private boolean endTornLine;
  /** Events about this writer's own outages; written before the batch. */
  private final List<AuditEvent> internal = new ArrayList<>();
  private boolean outageRecorded;
  /** Lines of the last attempt, to recognise which of them reached the file before it failed. */
  private final List<AuditEvent> attemptEvents = new ArrayList<>();
  private final List<LineEncoder.Line> attemptLines = new ArrayList<>();

  ChainWriter(Path file, String service, long pid, boolean fsync, PrintStream stderr) {
    this.file = file.toAbsolutePath().normalize();
    this.fsync = fsync;
    this.stderr = stderr;
    this.encoder = new LineEncoder(service, pid);
    try {
      this.tailDigest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    this.fileMonitor = FILE_MONITORS.computeIfAbsent(this.file, k -> new Object());
  }

  /** True while the last write attempt failed. */
  boolean failing() {
    return failing;
  }

  /**
   * Writes {@code batch} (removing from it every event now on disk). Returns true when all of it
   * was written; false after a failure, leaving the unwritten events in the list for a retry.
   */
  synchronized boolean write(List<AuditEvent> batch) {
    try {
      if (channel == null) open();
      synchronized (fileMonitor) {
        FileLock lock = lock();
        try {
          long size = channel.size();
          if (resync || size != expectedSize) resync(batch);
          if (failing && !outageRecorded) {
            internal.add(AuditEvent.of("agent.error")
                .put("error", "audit_write_failed")
                .put("message", "the audit log could not be written for a while: " + failure));
            outageRecorded = true;
          }
          long lostNow = lost.getAndSet(0);
          if (lostNow > 0) {
            internal.add(AuditEvent.of("agent.error")
                .put("error", "audit_events_lost")
                .put("message", "events were refused while the audit log could not be written"
                    + " and its queue was full")
                .put("lost_events", lostNow));
          }
          ByteBuffer buf = encodeAttempt(batch);
          int bytes = buf.remaining();
          while (buf.hasRemaining()) channel.write(buf);
          if (fsync) channel.force(false);
          expectedSize = size + bytes;
        } finally {
          if (lock != null) lock.release();
        }
      }
      tailEvents.clear();
      endTornLine = false;
      internal.clear();
      batch.clear();
      attemptEvents.clear();
      attemptLines.clear();
      failing = false;
      failure = null;
      return true;
    } catch (IOException | RuntimeException e) {
      fail(e);
      return false;
    }
  }

  /** Closes the file; a later {@link #write} reopens it and re-reads its tail. */
  synchronized void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing left to do with a channel that cannot even close.
      }
      channel = null;
    }
    resync = true;
  }

  private void open() throws IOException {
    Path parent = file.getParent();
    if (parent != null) Files.createDirectories(parent);
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    resync = true;
  }

  private FileLock lock() throws IOException {
    if (lockUnsupported) return null;
    try {
      return channel.lock();
    } catch (IOException | UnsupportedOperationException e) {
      // Some network file systems have no locks; one writer per file still works without them.
      lockUnsupported = true;
      return null;
    }
  }

  /**
   * Re-reads the chain from the file's tail. Events of a failed attempt whose line is already in
   * the file (the write got partly through) are removed from the batch, so nothing is written
   * twice; the rest are encoded again from the file's real state.
   */
  private void resync(List<AuditEvent> batch) throws IOException {
    LogTail tail;
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      tail = LogTail.read(in, tailDigest);
    }
    for (int i = attemptLines.size() - 1; i >= 0; i--) {
      LineEncoder.Line line = attemptLines.get(i);
      if (line.seq() == tail.lastSeq() && line.hash().equals(tail.lastHash())) {
        // The attempt was tailEvents + internal + batch, in that order; drop its written prefix.
        int done = i + 1 - tailEvents.size();
        int fromInternal = Math.max(0, Math.min(done, internal.size()));
        internal.subList(0, fromInternal).clear();
        int fromBatch = Math.max(0, Math.min(done - fromInternal, batch.size()));
        batch.subList(0, fromBatch).clear();
        break;
      }
    }
    attemptEvents.clear();
    attemptLines.clear();
    encoder.resume(tail.lastSeq(), tail.lastHash());
    // Tail events describe the file as it is now, so they are derived again on every resync.
    tailEvents.clear();
    endTornLine = tail.needsNewline();
    if (tail.tornBytes() > 0) {
      // The torn line is ended by the same write as the next lines (so a failure cannot leave a
      // lone newline behind), and its fingerprint is recorded so the verifier can tell a recorded
      // crash from tampering.
      tailEvents.add(AuditEvent.of("agent.error")
          .put("error", "audit_torn_line")
          .put("message", "the audit log ended with an incomplete line (the process stopped"
              + " mid-write); it was closed and the chain continues from the line before it")
          .put("torn_bytes", tail.tornBytes())
          .put("torn_sha256", tail.tornSha256()));
      if (!failing) warn("audit log " + file + " ended with an incomplete line; it is recorded");
    }
    if (tail.restartReason() != null) {
      tailEvents.add(AuditEvent.of("agent.error")
          .put("error", "audit_chain_restart")
          .put("message", "the audit log's last line is not a chain line ("
              + tail.restartReason() + "); a new chain starts here"));
      if (!failing) warn("audit log " + file + ": " + tail.restartReason() + "; new hash chain");
    }
    expectedSize = channel.size();
    resync = false;
  }

  private ByteBuffer encodeAttempt(List<AuditEvent> batch) {
    attemptEvents.clear();
    attemptLines.clear();
    attemptEvents.addAll(tailEvents);
    attemptEvents.addAll(internal);
    attemptEvents.addAll(batch);
    int total = endTornLine ? 1 : 0;
    for (int i = 0; i < attemptEvents.size(); i++) {
      LineEncoder.Line line;
      try {
        line = encoder.encode(attemptEvents.get(i));
      } catch (RuntimeException e) {
        // A value the encoder cannot handle must not block the log: record the fault instead.
        line = encoder.encode(AuditEvent.of("agent.error")
            .put("error", "audit_encode_failed")
            .put("message", String.valueOf(e))
            .put("event_action", attemptEvents.get(i).action()));
      }
      attemptLines.add(line);
      total += line.bytes().length;
    }
    ByteBuffer buf = ByteBuffer.allocate(total);
    if (endTornLine) buf.put((byte) '\n');
    for (LineEncoder.Line line : attemptLines) buf.put(line.bytes());
    return buf.flip();
  }

  private void fail(Exception e) {
    // Whatever reached the file is found again by re-reading its tail before the next attempt.
    if (!failing) {
      failure = e.getMessage() == null ? e.toString() : e.getMessage();
      outageRecorded = false;
      warn("audit log " + file + " cannot be written (" + failure
          + "); events are kept in memory and retried");
    }
    failing = true;
    close();
  }

  private void warn(String message) {
    stderr.println("[cordon] " + message);
  }
}
