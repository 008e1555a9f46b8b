package dev.cordon.policy.load;

import dev.cordon.policy.Problem;
import dev.cordon.policy.tree.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one load, so the user sees all of them at once. Internal. */
public final class Problems {
    private final String file;
    private final List<Problem> list = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    public void at(Node node, String message) {
        at(node.line(), node.column(), message);
    }

    public void at(int line, int column, String message) {
        list.add(new Problem(file, line, column, message));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** In file order (stable for problems at the same place). */
    public List<Problem> sorted() {
        List<Problem> out = new ArrayList<>(list);
        out.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return out;
    }
}
