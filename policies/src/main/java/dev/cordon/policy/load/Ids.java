package dev.cordon.policy.load;

import dev.cordon.policy.tree.ScalarNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Ids of one section: syntax and uniqueness. Ids are restricted to letters, digits, '_', '.'
 * and '-' so that they read unambiguously inside resource strings ({@code model:<id>} vs
 * {@code model:<provider>/<glob>}) and audit lines. Internal.
 */
final class Ids {

    private final String kind;
    private final Problems problems;
    private final Map<String, ScalarNode> seen = new HashMap<>();

    Ids(String kind, Problems problems) {
        this.kind = kind;
        this.problems = problems;
    }

    /**
     * {@code [A-Za-z0-9][A-Za-z0-9_.-]*}, checked by hand: a policy has hundreds of ids and is loaded
     * in a JVM that has compiled nothing yet, where each regular-expression match costs tens of µs.
     */
    static boolean wellFormed(String id) {
        if (id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '_' && c != '.' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code id} is well-formed and new; reports otherwise. */
    boolean add(ScalarNode id) {
        if (!wellFormed(id.text())) {
            problems.at(id, "malformed " + kind + " id '" + id.text()
                + "': use letters, digits, '_', '.' and '-' (starting with a letter or digit)");
            return false;
        }
        ScalarNode first = seen.putIfAbsent(id.text(), id);
        if (first != null) {
            problems.at(id, "duplicate " + kind + " id '" + id.text() + "' (first declared at line "
                + first.line() + ")");
            return false;
        }
        return true;
    }

    boolean contains(String id) {
        return seen.containsKey(id);
    }

    java.util.Set<String> all() {
        return seen.keySet();
    }
}
