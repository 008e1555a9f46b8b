package dev.cordon.redact;

/**
 * Spans found in one text, kept in start order without overlaps, in parallel int arrays so that a
 * scan allocates nothing once warm. When a new span overlaps earlier ones, the longest wins (an
 * email beats the digits inside it; a PEM block beats the key-looking lines inside it).
 */
final class Findings {
  int[] start = new int[16];
  int[] end = new int[16];
  int[] type = new int[16];
  int size;

  void clear() {
    size = 0;
  }

  void add(int s, int e, int t) {
    while (size > 0 && s < end[size - 1]) {
      int last = size - 1;
      if (e - s <= end[last] - start[last]) return; // the earlier, longer (or equal) span stays
      size--; // the new span is longer: drop the earlier one and check the one before it
    }
    if (size == start.length) grow();
    start[size] = s;
    end[size] = e;
    type[size] = t;
    size++;
  }

  /** Inserts a span found by another detector (custom patterns, terms), keeping order and no overlaps. */
  void merge(int s, int e, int t) {
    int pos = size;
    while (pos > 0 && start[pos - 1] > s) pos--;
    // Overlap with the neighbour before or after: the longer span wins.
    if (pos > 0 && end[pos - 1] > s) {
      if (end[pos - 1] - start[pos - 1] >= e - s) return;
      remove(--pos);
    }
    while (pos < size && start[pos] < e) {
      if (end[pos] - start[pos] > e - s) return;
      remove(pos);
    }
    if (size == start.length) grow();
    System.arraycopy(start, pos, start, pos + 1, size - pos);
    System.arraycopy(end, pos, end, pos + 1, size - pos);
    System.arraycopy(type, pos, type, pos + 1, size - pos);
    start[pos] = s;
    end[pos] = e;
    type[pos] = t;
    size++;
  }

  void remove(int i) {
    System.arraycopy(start, i + 1, start, i, size - i - 1);
    System.arraycopy(end, i + 1, end, i, size - i - 1);
    System.arraycopy(type, i + 1, type, i, size - i - 1);
    size--;
  }

  private void grow() {
    int n = start.length * 2;
    start = java.util.Arrays.copyOf(start, n);
    end = java.util.Arrays.copyOf(end, n);
    type = java.util.Arrays.copyOf(type, n);
  }
}
