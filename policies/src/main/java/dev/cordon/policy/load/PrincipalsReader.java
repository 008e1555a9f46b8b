package dev.cordon.policy.load;

import dev.cordon.policy.PrincipalDef;
import dev.cordon.policy.PrincipalSelector;
import dev.cordon.policy.glob.SegmentGlob;
import dev.cordon.policy.glob.TextGlob;
import dev.cordon.policy.tree.MapNode;
import dev.cordon.policy.tree.Node;
import dev.cordon.policy.tree.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The {@code principals} section (spec 3). Internal. */
final class PrincipalsReader {
    /** Principal sets are 64-bit masks in {@link PrincipalSelector}. */
    static final int MAX_PRINCIPALS = 64;

    private static final Set<String> KEYS = Set.of("id", "match");
    private static final Set<String> MATCH_KEYS = Set.of("code", "threads", "service", "http_header");
    private static final Set<String> HEADER_KEYS = Set.of("name", "equals");

    private PrincipalsReader() { }

    static List<PrincipalDef> read(Node section, Problems problems, Ids ids) {
        List<PrincipalDef> out = new ArrayList<>();
        List<MapNode> items = Items.of(section, "principals", problems);
        for (int i = 0; i < items.size(); i++) {
            MapNode item = items.get(i);
            if (i == MAX_PRINCIPALS) {
                problems.at(item, "too many principals: at most " + MAX_PRINCIPALS
                    + " can be declared (merge principals that share a purpose)");
            }
            Fields f = new Fields(item, Items.name("principal", item, "principals", i), problems, KEYS);
            ScalarNode id = f.scalar("id", true);
            boolean idOk = id != null && ids.add(id);
            if (id != null && id.text().equals(PrincipalSelector.ANONYMOUS)) {
                problems.at(id, "'anonymous' is reserved for calls no principal matches; choose another id");
                idOk = false;
            }
            PrincipalDef def = readMatch(f, problems, idOk ? id.text() : null);
            if (def != null) {
                out.add(def);
            }
        }
        return out;
    }

    private static PrincipalDef readMatch(Fields f, Problems problems, String id) {
        MapNode match = f.mapping("match");
        if (match == null) {
            if (!f.has("match")) {
                f.missing("match", "e.g. match: { code: [\"com.acme.**\"] }");
            }
            return null;
        }
        Fields m = new Fields(match, f.where() + " match", problems, MATCH_KEYS);
        List<String> code = globs(m, "code", problems, true);
        List<String> threads = globs(m, "threads", problems, false);
        List<String> service = globs(m, "service", problems, false);
        String headerName = null;
        String headerEquals = null;
        MapNode header = m.mapping("http_header");
        if (header != null) {
            Fields h = new Fields(header, f.where() + " http_header", problems, HEADER_KEYS);
            headerName = h.string("name", true);
            headerEquals = h.string("equals", false);
        }
        if (match.entries().isEmpty()) {
            problems.at(match, f.where() + " has no match criteria (code, threads, service or http_header)");
            return null;
        }
        if (id == null || code == null || threads == null || service == null || (header != null && headerName == null)) {
            return null;
        }
        return new PrincipalDef(id, code, threads, service, headerName, headerEquals);
    }

    /** Empty list when absent; null when anything was wrong (already reported). */
    private static List<String> globs(Fields m, String key, Problems problems, boolean className) {
        List<ScalarNode> nodes = m.strings(key);
        if (nodes == null) {
            return m.has(key) ? null : List.of();
        }
        if (nodes.isEmpty()) {
            problems.at(m.node(key), "'" + key + "' in " + m.where() + " must list at least one glob");
            return null;
        }
        boolean ok = true;
        for (ScalarNode n : nodes) {
            String why = className ? SegmentGlob.checkClass(n.text()) : TextGlob.check(n.text());
            if (why != null) {
                problems.at(n, "malformed " + (className ? "class-name" : key) + " glob '" + n.text() + "': " + why);
                ok = false;
            }
        }
        return ok ? Fields.texts(nodes) : null;
    }
}
