package dev.cordon.policy.load;

import dev.cordon.policy.tree.ListNode;
import dev.cordon.policy.tree.MapNode;
import dev.cordon.policy.tree.Node;
import dev.cordon.policy.tree.ScalarNode;
import java.util.ArrayList;
import java.util.List;

/** The entries of a list section ({@code principals:}, {@code rules:} ...). Internal. */
final class Items {
    private Items() { }

    /**
     * The mapping items of section {@code name}; empty when absent or null ({@code name:} with
     * nothing after it). Non-mapping items are reported and skipped.
     */
    static List<MapNode> of(Node section, String name, Problems problems) {
        List<MapNode> out = new ArrayList<>();
        if (section == null || (section instanceof ScalarNode s && s.isNull())) {
            return out;
        }
        if (!(section instanceof ListNode list)) {
            problems.at(section, "'" + name + "' must be a list of entries ('- id: ...'), found " + section.describe());
            return out;
        }
        for (Node item : list.items()) {
            MapNode m = Fields.asMap(item, "each entry of '" + name + "'", problems);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    /** How an entry is named in messages: "rule 'x'" or "rules entry 3" when it has no usable id. */
    static String name(String kind, MapNode item, String section, int index) {
        Node id = item.get("id");
        if (id instanceof ScalarNode s && !s.isNull() && !s.text().isEmpty()) {
            return kind + " '" + s.text() + "'";
        }
        return section + " entry " + (index + 1);
    }
}
