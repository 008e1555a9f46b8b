package dev.cordon.policy.load;

import dev.cordon.policy.tree.ListNode;
import dev.cordon.policy.tree.MapNode;
import dev.cordon.policy.tree.Node;
import dev.cordon.policy.tree.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Typed, located access to one mapping of the policy: reports unknown keys once, and every
 * wrong type or missing required key, naming where ({@code where}, e.g. "rule 'x'"). Getters
 * return null after reporting, so readers go on and collect further problems.
 */
final class Fields {
    private final MapNode map;
    private final String where;
    private final Problems problems;

    Fields(MapNode map, String where, Problems problems, Set<String> known) {
        this.map = map;
        this.where = where;
        this.problems = problems;
        for (MapNode.Entry e : map.entries().values()) {
            if (!known.contains(e.key())) {
                problems.at(e.line(), e.column(), "unknown key '" + e.key() + "' in " + where
                    + Suggest.hint(e.key(), known));
            }
        }
    }

    /** A mapping, or null (after reporting) when {@code node} is something else. */
    static MapNode asMap(Node node, String what, Problems problems) {
        if (node instanceof MapNode m) {
            return m;
        }
        problems.at(node, what + " must be a mapping (key: value), found " + node.describe());
        return null;
    }

    String where() {
        return where;
    }

    MapNode map() {
        return map;
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    Node node(String key) {
        return map.get(key);
    }

    void missing(String key, String hint) {
        problems.at(map, "missing '" + key + "' in " + where + (hint == null ? "" : " (" + hint + ")"));
    }

    /** Any non-null scalar, as written; null when absent (reported when required) or wrong. */
    ScalarNode scalar(String key, boolean required) {
        Node n = map.get(key);
        if (n == null || (n instanceof ScalarNode s && s.isNull())) {
            if (required) {
                missing(key, null);
            }
            return null;
        }
        if (n instanceof ScalarNode s) {
            return s;
        }
        problems.at(n, "'" + key + "' in " + where + " must be a single value, found " + n.describe());
        return null;
    }

    String string(String key, boolean required) {
        ScalarNode s = scalar(key, required);
        if (s == null) {
            return null;
        }
        if (s.text().isEmpty()) {
            problems.at(s, "'" + key + "' in " + where + " must not be empty");
            return null;
        }
        return s.text();
    }

    Boolean bool(String key) {
        ScalarNode s = scalar(key, false);
        if (s == null) {
            return null;
        }
        if (s.kind() != ScalarNode.Kind.BOOLEAN) {
            problems.at(s, "'" + key + "' in " + where + " must be true or false, found '" + s.text() + "'");
            return null;
        }
        return s.text().equalsIgnoreCase("true") || s.text().equalsIgnoreCase("yes")
            || s.text().equalsIgnoreCase("on") || s.text().equalsIgnoreCase("y");
    }

    /** A whole number {@code >= min}; null when absent or wrong. */
    Long integer(String key, long min) {
        ScalarNode s = scalar(key, false);
        if (s == null) {
            return null;
        }
        long v;
        try {
            v = s.kind() == ScalarNode.Kind.INTEGER ? Long.parseLong(s.text().replace("_", "")) : Long.MIN_VALUE;
        } catch (NumberFormatException e) {
            v = Long.MIN_VALUE;
        }
        if (v == Long.MIN_VALUE) {
            problems.at(s, "'" + key + "' in " + where + " must be a whole number, found '" + s.text() + "'");
            return null;
        }
        if (v < min) {
            problems.at(s, "'" + key + "' in " + where + " must be at least " + min + ", found " + v);
            return null;
        }
        return v;
    }

    MapNode mapping(String key) {
        Node n = map.get(key);
        if (n == null || (n instanceof ScalarNode s && s.isNull())) {
            return null;
        }
        return asMap(n, "'" + key + "' in " + where, problems);
    }

    /**
     * The items of a list of non-empty scalars; null when absent. An absent-but-null value
     * ({@code key:} with nothing) counts as an empty list.
     */
    List<ScalarNode> strings(String key) {
        Node n = map.get(key);
        if (n == null) {
            return null;
        }
        if (n instanceof ScalarNode s && s.isNull()) {
            return List.of();
        }
        if (!(n instanceof ListNode l)) {
            problems.at(n, "'" + key + "' in " + where + " must be a list, e.g. [a, b], found " + n.describe());
            return null;
        }
        List<ScalarNode> out = new ArrayList<>();
        for (Node item : l.items()) {
            if (item instanceof ScalarNode s && !s.isNull() && !s.text().isEmpty()) {
                out.add(s);
            } else {
                problems.at(item, "'" + key + "' in " + where + " must hold non-empty names, found "
                    + (item instanceof ScalarNode ? "an empty value" : item.describe()));
            }
        }
        return out;
    }

    static List<String> texts(List<ScalarNode> nodes) {
        List<String> out = new ArrayList<>(nodes.size());
        for (ScalarNode n : nodes) {
            out.add(n.text());
        }
        return out;
    }
}
