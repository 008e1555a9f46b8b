package dev.cordon.policy.tree;

import java.util.List;

/** A sequence. */
public record ListNode(List<Node> items, int line, int column) implements Node {
    public ListNode {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
