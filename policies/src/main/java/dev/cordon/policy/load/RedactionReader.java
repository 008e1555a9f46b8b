package dev.cordon.policy.load;

import dev.cordon.policy.RedactionConfig;
import dev.cordon.policy.tree.ListNode;
import dev.cordon.redact.SafePattern;
import java.nio.file.Path;
import dev.cordon.policy.tree.MapNode;
import dev.cordon.policy.tree.Node;
import dev.cordon.policy.tree.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code redaction} section. Custom and allow-list patterns are checked with the engine that
 * runs them (RE2/J, linear time): a construct it cannot run in linear time (backreference,
 * lookaround) is a validation error, and so is a pattern that matches the empty string, since it
 * would "redact" at every position. Internal.
 */
final class RedactionReader {
    private static final Set<String> KEYS = Set.of("operator", "custom", "allow", "key_file");
    private static final Set<String> ALLOW_KEYS = Set.of("value", "pattern");
    private static final Set<String> CUSTOM_KEYS = Set.of("id", "pattern", "terms");
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private RedactionReader() { }

    static RedactionConfig read(Node section, Problems problems, Path baseDir) {
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
        RedactionConfig.Allow allow = allow(f.node("allow"), problems);
        Path keyFile = null;
        String kf = f.string("key_file", false);
        if (kf != null) {
            keyFile = baseDir.resolve(kf).toAbsolutePath().normalize();
        }
        return new RedactionConfig(op, custom, allow, keyFile);
    }

    /** {@code allow: ["support@acme.com", {pattern: "4242( ?4242){3}"}, {value: "..."}]}. */
    private static RedactionConfig.Allow allow(Node node, Problems problems) {
        if (node == null || (node instanceof ScalarNode s && s.isNull())) {
            return RedactionConfig.Allow.NONE;
        }
        if (!(node instanceof ListNode list)) {
            problems.at(node, "'allow' in redaction must be a list of values or {pattern: ...}, found " + node.describe());
            return RedactionConfig.Allow.NONE;
        }
        List<String> values = new ArrayList<>();
        List<String> patterns = new ArrayList<>();
        for (Node item : list.items()) {
            if (item instanceof ScalarNode s && !s.isNull()) {
                values.add(s.text());
            } else if (item instanceof MapNode m) {
                Fields f = new Fields(m, "redaction allow entry", problems, ALLOW_KEYS);
                ScalarNode v = f.scalar("value", false);
                ScalarNode p = f.scalar("pattern", false);
                if ((v == null) == (p == null)) {
                    problems.at(m, "a redaction allow entry needs one of 'value' or 'pattern'");
                } else if (v != null) {
                    values.add(v.text());
                } else {
                    String why = SafePattern.check(p.text());
                    if (why != null) {
                        problems.at(p, "allow pattern '" + p.text() + "' " + why);
                    } else {
                        patterns.add(p.text());
                    }
                }
            } else {
                problems.at(item, "a redaction allow entry must be a value or {pattern: ...}, found " + item.describe());
            }
        }
        return new RedactionConfig.Allow(values, patterns);
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
            String why = SafePattern.check(pattern.text());
            if (why != null) {
                if (why.startsWith("malformed regex: ")) {
                    problems.at(pattern, "malformed regex '" + pattern.text() + "' in " + f.where() + ": "
                        + why.substring("malformed regex: ".length()));
                } else {
                    problems.at(pattern, "pattern '" + pattern.text() + "' of " + f.where() + " " + why);
                }
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
