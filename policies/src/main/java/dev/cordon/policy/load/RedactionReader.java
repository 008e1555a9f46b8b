package dev.cordon.policy.load;

import dev.cordon.policy.RedactionConfig;
import dev.cordon.policy.tree.MapNode;
import dev.cordon.policy.tree.Node;
import dev.cordon.policy.tree.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code redaction} section. Custom patterns are checked with java.util.regex for now (the
 * linear-time engine that will run them is another component); a pattern that matches the
 * empty string is refused, since it would "redact" at every position. Internal.
 */
final class RedactionReader {
    private static final Set<String> KEYS = Set.of("operator", "custom");
    private static final Set<String> CUSTOM_KEYS = Set.of("id", "pattern", "terms");
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private RedactionReader() { }

    static RedactionConfig read(Node section, Problems problems) {
        if (section == null || (section instanceof ScalarNode s && s.isNull())) {
            return RedactionConfig.DEFAULT;
        }
        MapNode map = Fields.asMap(section, "'redaction'", problems);
        if (map == null) {
            return RedactionConfig.DEFAULT;
        }
        Fields f = new Fields(map, "redaction", problems, KEYS);
        RedactionConfig.Operator op = RedactionConfig.Operator.TAG;
        ScalarNode o = f.scalar("operator", false);
        if (o != null) {
            try {
                op = RedactionConfig.Operator.valueOf(o.text().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.at(o, "unknown redaction operator '" + o.text() + "' (known: TAG, MASK, HASH, PSEUDONYMIZE)");
            }
        }
        List<RedactionConfig.Custom> custom = new ArrayList<>();
        Ids ids = new Ids("custom redaction", problems);
        List<MapNode> items = Items.of(f.node("custom"), "custom", problems);
        for (int i = 0; i < items.size(); i++) {
            RedactionConfig.Custom c = custom(items.get(i), i, problems, ids);
            if (c != null) {
                custom.add(c);
            }
        }
        return new RedactionConfig(op, custom);
    }

    private static RedactionConfig.Custom custom(MapNode item, int i, Problems problems, Ids ids) {
        Fields f = new Fields(item, Items.name("custom redaction", item, "custom", i), problems, CUSTOM_KEYS);
        ScalarNode id = f.scalar("id", true);
        boolean ok = id != null && ids.add(id);
        if (id != null && !ID.matcher(id.text()).matches()) {
            problems.at(id, "malformed redaction type '" + id.text() + "': use letters, digits and '_', e.g. EMPLOYEE_ID");
            ok = false;
        } else if (id != null && RedactionConfig.BUILT_IN.contains(id.text())) {
            problems.at(id, "'" + id.text() + "' is a built-in redaction type; choose another id");
            ok = false;
        }
        ScalarNode pattern = f.scalar("pattern", false);
        List<ScalarNode> terms = f.strings("terms");
        ok &= terms != null || !f.has("terms");
        if ((pattern == null) == (terms == null)) {
            if (pattern == null && !f.has("pattern") && !f.has("terms")) {
                problems.at(item, f.where() + " needs 'pattern' (a regex) or 'terms' (a list of words)");
            } else if (pattern != null) {
                problems.at(pattern, f.where() + " has both 'pattern' and 'terms'; use one");
            }
            ok = false;
        }
        if (pattern != null) {
            try {
                if (Pattern.compile(pattern.text()).matcher("").matches()) {
                    problems.at(pattern, "pattern '" + pattern.text() + "' of " + f.where() + " matches the empty string");
                    ok = false;
                }
            } catch (PatternSyntaxException e) {
                problems.at(pattern, "malformed regex '" + pattern.text() + "' in " + f.where() + ": "
                    + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
                ok = false;
            }
        }
        if (terms != null && terms.isEmpty() && f.has("terms")) {
            problems.at(f.node("terms"), "'terms' in " + f.where() + " is empty");
            ok = false;
        }
        if (!ok) {
            return null;
        }
        return new RedactionConfig.Custom(id.text(), pattern == null ? null : pattern.text(),
            terms == null ? null : Fields.texts(terms));
    }
}
