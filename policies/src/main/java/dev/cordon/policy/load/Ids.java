package dev.cordon.policy.load;

import dev.cordon.policy.tree.ScalarNode;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Ids of one section: syntax and uniqueness. Ids are restricted to letters, digits, '_', '.'
 * and '-' so that they read unambiguously inside resource strings ({@code model:<id>} vs
 * {@code model:<provider>/<glob>}) and audit lines. Internal.
 */
final class Ids {
    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final String kind;
    private final Problems problems;
    private final Map<String, ScalarNode> seen = new HashMap<>();

    Ids(String kind, Problems problems) {
        this.kind = kind;
        this.problems = problems;
    }

    /** True when {@code id} is well-formed and new; reports otherwise. */
    boolean add(ScalarNode id) {
        if (!SYNTAX.matcher(id.text()).matches()) {
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
