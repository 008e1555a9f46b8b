package dev.cordon.policy.load;

import dev.cordon.policy.ModelDef;
import dev.cordon.policy.glob.TextGlob;
import dev.cordon.policy.tree.MapNode;
import dev.cordon.policy.tree.Node;
import dev.cordon.policy.tree.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The {@code models} section. Internal. */
final class ModelsReader {
    private static final Set<String> KEYS = Set.of("id", "provider", "model");

    private ModelsReader() { }

    static List<ModelDef> read(Node section, Problems problems, Ids ids) {
        List<ModelDef> out = new ArrayList<>();
        List<MapNode> items = Items.of(section, "models", problems);
        for (int i = 0; i < items.size(); i++) {
            MapNode item = items.get(i);
            Fields f = new Fields(item, Items.name("model", item, "models", i), problems, KEYS);
            ScalarNode id = f.scalar("id", true);
            boolean ok = id != null && ids.add(id);
            String provider = provider(f, "provider", problems, true, true);
            ScalarNode model = f.scalar("model", true);
            if (model != null) {
                String why = TextGlob.check(model.text());
                if (why != null) {
                    problems.at(model, "malformed model glob '" + model.text() + "': " + why);
                    ok = false;
                }
            }
            if (ok && provider != null && model != null) {
                out.add(new ModelDef(id.text(), provider, model.text()));
            }
        }
        return out;
    }

    /** A known provider (or "*" when {@code star}); null when absent or wrong (reported). */
    static String provider(Fields f, String key, Problems problems, boolean required, boolean star) {
        ScalarNode p = f.scalar(key, required);
        if (p == null) {
            return null;
        }
        if (Providers.isKnown(p.text()) || (star && p.text().equals("*"))) {
            return p.text();
        }
        problems.at(p, "unknown provider '" + p.text() + "' in " + f.where() + " (known: "
            + String.join(", ", Providers.KNOWN) + (star ? ", \"*\"" : "") + ")" + Suggest.hint(p.text(), Providers.KNOWN));
        return null;
    }
}
