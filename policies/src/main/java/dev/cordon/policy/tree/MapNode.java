package dev.cordon.policy.tree;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A mapping in file order. Duplicate keys are reported by the reader and the first one kept. */
public final class MapNode implements Node {
    /** A key with its own location (unknown-key problems point at the key, not the value). */
    public record Entry(String key, int line, int column, Node value) { }

    private final Map<String, Entry> entries;
    private final int line;
    private final int column;

    public MapNode(Map<String, Entry> entries, int line, int column) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        this.line = line;
        this.column = column;
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    /** The value under {@code key}, or null when absent. */
    public Node get(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.value();
    }

    public Entry entry(String key) {
        return entries.get(key);
    }

    @Override
    public int line() {
        return line;
    }

    @Override
    public int column() {
        return column;
    }

    @Override
    public String describe() {
        return "a mapping";
    }
}
