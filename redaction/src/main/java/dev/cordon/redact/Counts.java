package dev.cordon.redact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How many entities of each type one call redacted (or would have): the audit's {@code redactions}. Thread-safe. */
public final class Counts {
  private final List<String> names;
  private final long[] n;

  public Counts(List<String> typeNames) {
    this.names = typeNames;
    this.n = new long[typeNames.size()];
  }

  synchronized void add(int type) {
    n[type]++;
  }

  public synchronized long total() {
    long t = 0;
    for (long v : n) t += v;
    return t;
  }

  public synchronized long get(String type) {
    int i = names.indexOf(type);
    return i < 0 ? 0 : n[i];
  }

  /** Non-zero counts by type name, in type order. */
  public synchronized Map<String, Long> toMap() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < n.length; i++) if (n[i] > 0) m.put(names.get(i), n[i]);
    return m;
  }

  public synchronized void addAll(Counts other) {
    if (other == this) return;
    Map<String, Long> o = other.toMap();
    for (Map.Entry<String, Long> e : o.entrySet()) {
      int i = names.indexOf(e.getKey());
      if (i >= 0) n[i] += e.getValue();
    }
  }

  @Override
  public String toString() {
    return toMap().toString();
  }
}
