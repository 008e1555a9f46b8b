package dev.cordon.agent.audit;

import dev.cordon.bootstrap.Guard;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The tamper-evident audit log (spec section 9): one JSON object per line, hash-chained.
 *
 * <p>{@link #append} only queues the event; one daemon thread, {@code cordon-audit}, encodes and
 * writes batches, which is what keeps {@code seq} gapless and the chain linear while the
 * application's threads stay on their hot path. When the queue is full the caller waits: audit
 * entries are evidence, so they are not dropped to save time. The one exception is a file that
 * cannot be written at all: then a full queue would freeze the application, so further events are
 * counted and the count is audited once the file is writable again.
 *
 * <p>Appending never wakes the writer while it is active: it sleeps {@link #LINGER_NANOS} between
 * batches and collects what arrived meanwhile, so a steady stream of governed calls costs the
 * application's threads one queue insertion each, not a thread wake-up (a system call, and on a
 * small machine a context switch in the middle of the application's own work), and the file sees
 * one locked write per batch instead of one per event. Only a writer that has gone idle (no event
 * for {@link #IDLE_NANOS}) sleeps until woken, so an idle application has no timer running.
 *
 * <p>Nothing here throws into the application for an I/O problem: failures print one
 * {@code [cordon] } line on stderr and are retried. A shutdown hook drains the queue, so
 * {@code System.exit} or the end of {@code main} loses nothing; events appended after
 * {@link #close()} are written synchronously by their own thread.
 */
public final class AuditLog implements AutoCloseable {
  public static final int DEFAULT_QUEUE_CAPACITY = 16_384;
  private static final int MAX_BATCH = 4_096;
  /** How long the active writer sleeps between batches: the most an entry waits to reach the file. */
  static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  /** After this long without events the writer sleeps until an append wakes it. */
  static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long PID = ProcessHandle.current().pid();

  /**
   * @param queueCapacity events held before {@link #append} waits
   * @param fsync force each batch to the device, not just to the OS (slower; survives power loss)
   * @param closeTimeout how long {@link #close()} (and the shutdown hook) waits for a file that
   *     cannot be written before giving up on the events still queued
   */
  public record Options(int queueCapacity, boolean fsync, Duration closeTimeout) {
    public Options {
      if (queueCapacity < 1) throw new IllegalArgumentException("queueCapacity < 1");
      Objects.requireNonNull(closeTimeout, "closeTimeout");
    }

    public static Options defaults() {
      return new Options(DEFAULT_QUEUE_CAPACITY, false, Duration.ofSeconds(5));
    }

    public Options withFsync(boolean fsync) {
      return new Options(queueCapacity, fsync, closeTimeout);
    }

    public Options withQueueCapacity(int capacity) {
      return new Options(capacity, fsync, closeTimeout);
    }

    public Options withCloseTimeout(Duration timeout) {
      return new Options(queueCapacity, fsync, timeout);
    }
  }

  private final Path file;
  private final Options options;
  private final PrintStream stderr;
  private final BlockingQueue<AuditEvent> queue;
  private final ChainWriter chain;
  private final Thread writer;
  private final Thread shutdownHook;
  /** Put in the queue by close() to wake an idle writer at once; never written. */
  private static final AuditEvent WAKE_UP = AuditEvent.of("cordon.wake-up");

  private final AtomicBoolean closeStarted = new AtomicBoolean();
  private volatile boolean closed;
  /** True while the writer sleeps untimed: the next append must wake it. */
  private volatile boolean dormant;

  /** Events handed to {@link #append} (counted before they are queued; see {@link #flush}). */
  private final AtomicLong appended = new AtomicLong();
  /** Events written or given up on; guarded by {@code progress}. */
  private long settled;
  private final Object progress = new Object();

  /**
   * Loads and initialises what opening a log needs (the SHA-256 provider, the time formatter, the
   * process id) without opening anything: premain's thread, which waits for the policy anyway when
   * the policy governs files, runs this meanwhile on the other core instead of leaving it to the
   * thread that parses.
   */
  public static void prepare() {
    try {
      MessageDigest.getInstance("SHA-256").digest();
      Class.forName(LineEncoder.class.getName(), true, AuditLog.class.getClassLoader());
      Class.forName(ChainWriter.class.getName(), true, AuditLog.class.getClassLoader());
    } catch (ReflectiveOperationException | java.security.GeneralSecurityException e) {
      // Only a head start: the log's own opening reports what is really wrong.
    }
  }

  /** Opens (or continues) the log at {@code file} for {@code service}, with default options. */
  public static AuditLog open(Path file, String service) {
    return open(file, service, Options.defaults());
  }

  public static AuditLog open(Path file, String service, Options options) {
    return open(file, service, options, System.err);
  }

  static AuditLog open(Path file, String service, Options options, PrintStream stderr) {
    AuditLog log = new AuditLog(file, service, options, stderr);
    log.writer.start();
    return log;
  }

  private AuditLog(Path file, String service, Options options, PrintStream stderr) {
    this.file = Objects.requireNonNull(file, "file");
    this.options = Objects.requireNonNull(options, "options");
    this.stderr = stderr;
    this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
    this.chain = new ChainWriter(file, Objects.requireNonNull(service, "service"), PID,
        options.fsync(), stderr);
    this.writer = new Thread(this::writerLoop, "cordon-audit");
    writer.setDaemon(true);
    Thread hook = new Thread(() -> {
      Guard.markAgentThread(dev.cordon.agent.AgentKey.KEY);
      close();
    }, "cordon-audit-shutdown");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      hook = null; // events are then written synchronously after an explicit close()
    }
    this.shutdownHook = hook;
  }

  public Path file() {
    return file;
  }

  /**
   * Queues {@code e}; waits while the queue is full. Never throws for I/O problems. The event must
   * not be changed afterwards (it is frozen).
   */
  public void append(AuditEvent e) {
    Objects.requireNonNull(e, "event");
    e.freeze();
    appended.incrementAndGet();
    if (!closed && enqueue(e)) {
      if (dormant) LockSupport.unpark(writer);
      // close() may have drained the queue between our check and our offer: drain it ourselves.
      if (closed) drainLate();
      return;
    }
    writeLate(e);
  }

  /**
   * Waits until every event appended before this call is written to the file (handed to the OS,
   * or forced to the device with {@code fsync}). If the file cannot be written it waits at most the
   * close timeout and returns; the events stay queued and are retried.
   */
  public void flush() {
    flush(null);
  }

  /** Like {@link #flush()} with a bound; returns true when everything was written. */
  public boolean flush(Duration timeout) {
    long target = appended.get();
    LockSupport.unpark(writer); // no need to wait out the writer's linger
    long start = System.nanoTime();
    long limit = timeout == null ? Long.MAX_VALUE : timeout.toNanos();
    long failingSince = -1;
    synchronized (progress) {
      while (settled < target) {
        long now = System.nanoTime();
        if (now - start >= limit) return false;
        if (chain.failing()) {
          if (failingSince < 0) failingSince = now;
          if (now - failingSince >= options.closeTimeout().toNanos()) return false;
        } else {
          failingSince = -1;
        }
        if (!writer.isAlive() && !closed) return false;
        try {
          progress.wait(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Drains the queue and closes the file; idempotent. Waits at most the close timeout when the
   * file cannot be written, then reports how many events were lost. Later appends are written
   * synchronously.
   */
  @Override
  public void close() {
    if (!closeStarted.compareAndSet(false, true)) return;
    closed = true;
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or about to; close() is idempotent.
      }
    }
    queue.offer(WAKE_UP); // if the queue is full the writer is busy and sees `closed` soon anyway
    LockSupport.unpark(writer);
    try {
      writer.join(options.closeTimeout().toMillis() + 1_000);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
    drainLate();
    chain.close();
  }

  /** Offers until there is room; gives up (counting the event) only while the file is failing. */
  private boolean enqueue(AuditEvent e) {
    boolean interrupted = false;
    try {
      while (true) {
        if (queue.offer(e)) return true;
        if (closed) return false;
        if (chain.failing() || !writer.isAlive()) {
          chain.lost.incrementAndGet();
          settle(1);
          return true;
        }
        try {
          if (queue.offer(e, 20, TimeUnit.MILLISECONDS)) return true;
        } catch (InterruptedException ie) {
          interrupted = true; // back-pressure is not optional: keep waiting, restore the flag
        }
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  /** Writes events left in the queue after the writer stopped, on the calling thread. */
  private void drainLate() {
    AuditEvent e;
    while ((e = queue.poll()) != null) {
      if (e != WAKE_UP) writeLate(e);
    }
  }

  private void writeLate(AuditEvent e) {
    boolean entered = Guard.tryEnter(dev.cordon.agent.AgentKey.KEY); // our own file I/O must not be governed by our hooks
    try {
      List<AuditEvent> one = new ArrayList<>(1);
      one.add(e);
      if (!chain.write(one)) chain.lost.incrementAndGet();
      chain.close();
    } finally {
      if (entered) Guard.exit(dev.cordon.agent.AgentKey.KEY);
      settle(1);
    }
  }

  private void settle(int n) {
    if (n == 0) return;
    synchronized (progress) {
      settled += n;
      progress.notifyAll();
    }
  }

  private void writerLoop() {
    Guard.markAgentThread(dev.cordon.agent.AgentKey.KEY);
    List<AuditEvent> batch = new ArrayList<>(MAX_BATCH);
    chain.write(batch); // opens the file now: a torn tail or an unwritable path shows at startup
    long backoffMs = 50;
    boolean reportedError = false;
    long giveUpAt = Long.MAX_VALUE;
    long idleSince = -1;
    while (true) {
      try {
        if (batch.isEmpty()) {
          if (closed && queue.isEmpty()) break; // late appends are written by their own thread
          AuditEvent first = queue.poll();
          if (first == null) {
            if (closed) break;
            idleSince = sleep(idleSince);
            continue;
          }
          idleSince = -1;
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
          batch.remove(WAKE_UP);
          if (batch.isEmpty()) {
            if (closed && queue.isEmpty()) break;
            continue;
          }
        }
        int before = batch.size();
        boolean ok = chain.write(batch);
        settle(before - batch.size());
        if (ok) {
          backoffMs = 50;
          continue;
        }
        if (closed) {
          if (giveUpAt == Long.MAX_VALUE) {
            giveUpAt = System.nanoTime() + options.closeTimeout().toNanos();
          }
          if (System.nanoTime() >= giveUpAt) break;
        }
        pause(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 2_000);
      } catch (Throwable t) {
        // Never let the writer die: a dead writer would leave the queue to fill up.
        if (!reportedError) stderr.println("[cordon] audit writer error: " + t);
        reportedError = true;
        pause(backoffMs);
      }
    }
    int abandoned = batch.size() + queue.size();
    if (abandoned > 0) {
      stderr.println("[cordon] audit log " + file + ": " + abandoned
          + " events could not be written before shutdown");
      chain.lost.addAndGet(batch.size());
      settle(batch.size());
      // Events still queued are tried once more by close() on the closing thread.
    }
    chain.close();
  }

  /**
   * Waits for events: a short timed sleep while events keep coming, an untimed one (woken by the
   * next append) once none came for {@link #IDLE_NANOS}. Returns when the idle spell began.
   */
  private long sleep(long idleSince) {
    long now = System.nanoTime();
    if (idleSince < 0) idleSince = now;
    if (now - idleSince < IDLE_NANOS) {
      LockSupport.parkNanos(this, LINGER_NANOS);
      return idleSince;
    }
    dormant = true;
    try {
      // An append that came before `dormant` was visible is seen here; one after it unparks us.
      if (queue.isEmpty() && !closed) LockSupport.park(this);
    } finally {
      dormant = false;
    }
    return -1;
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException ignored) {
      // The writer is never interrupted on purpose; a shorter pause is harmless.
    }
  }
}
