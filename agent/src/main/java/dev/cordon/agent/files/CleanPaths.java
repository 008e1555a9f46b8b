package dev.cordon.agent.files;

/**
 * Path strings recently resolved to a real path outside every dataset, so that opening them again
 * costs a hash lookup: no real-path resolution, no allocation, no stack walk.
 *
 * <p>Why a cache at all: a path outside every dataset by its text can still lead into one (a
 * relative path, {@code ..}, {@code /proc/self/root/...}, a symbolic link anywhere on the way), so
 * only its real path can clear it, and resolving that costs a system call per component. The cache
 * makes the second and later opens of a path cheap. It is keyed by the exact string the application
 * passed (the working directory of a JVM cannot change, so relative strings are stable).
 *
 * <p>What keeps it honest: entries live for one to two ticks of {@link FileClock} (0.5 s each), so
 * a link or rename made outside this JVM is seen within a second; a rename, hard link or symbolic
 * link made inside this JVM voids every entry at once ({@link #invalidate}); a new policy gets a new
 * cache. Only "clean" answers are stored: a path into a dataset is resolved and decided every time.
 *
 * <p>The table is a fixed array written racily on purpose: entries are immutable (final fields), so
 * a reader sees either an older entry, a complete new one or null, and a lost write only costs a
 * later resolution. Two slots per hash keep two hot paths that collide from evicting each other.
 */
final class CleanPaths {
  private static final int SIZE = 4096;
  private static final int MASK = SIZE - 1;
  /** Longer strings are not cached (they are resolved each time), which bounds the memory held. */
  static final int MAX_CACHED_LENGTH = 1024;

  private record Entry(String path, int epoch) {}

  private final Entry[] table = new Entry[SIZE];
  /** Advanced by the clock; an entry is valid while {@code epoch - entry.epoch < 2}. */
  private volatile int epoch;

  boolean isClean(String path) {
    int h = path.hashCode();
    int i = (h ^ (h >>> 16)) & MASK;
    int now = epoch;
    Entry e = table[i];
    if (e != null && now - e.epoch < 2 && e.path.equals(path)) return true;
    e = table[i ^ 1];
    return e != null && now - e.epoch < 2 && e.path.equals(path);
  }

  void markClean(String path) {
    if (path.length() > MAX_CACHED_LENGTH) return;
    int h = path.hashCode();
    int i = (h ^ (h >>> 16)) & MASK;
    int now = epoch;
    Entry e = table[i];
    // Keep a still-valid neighbour: take the first slot that is empty, stale or ours.
    if (e != null && now - e.epoch < 2 && !e.path.equals(path)) i ^= 1;
    table[i] = new Entry(path, now);
  }

  /** One clock tick: entries made two ticks ago expire. */
  void tick() {
    epoch++;
  }

  /** Every entry expires now. */
  void invalidate() {
    epoch += 2;
  }
}
