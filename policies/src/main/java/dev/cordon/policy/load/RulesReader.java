package dev.cordon.policy.load;

import dev.cordon.policy.Action;
import dev.cordon.policy.Effect;
import dev.cordon.policy.Limits;
import dev.cordon.policy.Mode;
import dev.cordon.policy.PrincipalSelector;
import dev.cordon.policy.RuleDef;
import dev.cordon.policy.tree.MapNode;
import dev.cordon.policy.tree.Node;
import dev.cordon.policy.tree.ScalarNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code rules} section (spec 5). Every rule needs {@code principals}, {@code actions} and
 * {@code resources}: an absent list is an error, not "any", so a forgotten line can never widen
 * an allow; "*" says "any" explicitly. Limits, redactions, masks and credentials only make sense
 * on allow rules and are refused on deny rules. Internal.
 */
final class RulesReader {
    private static final Set<String> KEYS = Set.of("id", "effect", "principals", "actions", "resources",
        "limits", "redact", "mask", "mode", "credential");
    private static final Set<String> LIMIT_KEYS = Set.of("max_output_tokens", "tools", "stream", "max_rows", "n_epochs");
    private static final Set<String> REDACT_KEYS = Set.of("prompt", "output");
    private static final Set<String> MASK_OPERATORS = Set.of("HASH", "LAST4", "REDACT", "TAG");

    private RulesReader() { }

    static List<RuleDef> read(Node section, Problems problems, RuleContext ctx) {
        List<RuleDef> out = new ArrayList<>();
        Ids ids = new Ids("rule", problems);
        List<MapNode> items = Items.of(section, "rules", problems);
        for (int i = 0; i < items.size(); i++) {
            RuleDef r = rule(items.get(i), i, problems, ctx, ids);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private static RuleDef rule(MapNode item, int index, Problems problems, RuleContext ctx, Ids ids) {
        Fields f = new Fields(item, Items.name("rule", item, "rules", index), problems, KEYS);
        ScalarNode id = f.scalar("id", true);
        boolean ok = id != null && ids.add(id);
        Effect effect = null;
        ScalarNode e = f.scalar("effect", true);
        if (e != null) {
            String v = e.text().toLowerCase(Locale.ROOT);
            effect = v.equals("allow") ? Effect.ALLOW : v.equals("deny") ? Effect.DENY : null;
            if (effect == null) {
                problems.at(e, "'effect' in " + f.where() + " must be allow or deny, found '" + e.text() + "'");
            }
        }
        ok &= effect != null;
        List<String> principals = principals(f, problems, ctx);
        int actionMask = 0;
        List<String> actions = new ArrayList<>();
        for (ScalarNode a : required(f, "actions", "e.g. actions: [model.chat]", problems)) {
            int m = ActionPatterns.mask(a.text());
            if (m == 0) {
                problems.at(a, "unknown action '" + a.text() + "' in " + f.where()
                    + " (known: model.chat, model.embed, model.fine_tune, model.files, dataset.read, dataset.write, "
                    + "vector.query, vector.write, model.*, dataset.*, vector.*, *)"
                    + Suggest.hint(a.text(), ActionPatterns.spellings()));
                ok = false;
            }
            actionMask |= m;
            actions.add(a.text());
        }
        List<String> resources = resources(f, problems, ctx, actionMask);
        ok &= principals != null && !actions.isEmpty() && resources != null;

        // With an unreadable effect, do not also complain that allow-only keys sit on a "deny".
        boolean allow = effect != Effect.DENY;
        Limits limits = allowOnly(f, "limits", allow, problems) ? limits(f, problems) : Limits.NONE;
        ok &= limits != null;
        List<String> prompt = List.of();
        List<String> output = List.of();
        if (allowOnly(f, "redact", allow, problems)) {
            MapNode redact = f.mapping("redact");
            if (redact != null) {
                Fields r = new Fields(redact, f.where() + " redact", problems, REDACT_KEYS);
                prompt = types(r, "prompt", ctx, problems);
                output = types(r, "output", ctx, problems);
                ok &= prompt != null && output != null;
            } else {
                ok &= !f.has("redact") || isNull(f.node("redact"));
            }
        }
        Map<String, String> mask = allowOnly(f, "mask", allow, problems) ? mask(f, problems) : Map.of();
        ok &= mask != null;
        Mode mode = null;
        ScalarNode m = f.scalar("mode", false);
        if (m != null) {
            mode = Mode.parse(m.text());
            if (mode == null) {
                problems.at(m, "'mode' in " + f.where() + " must be enforce or monitor, found '" + m.text() + "'");
                ok = false;
            }
        }
        String credential = null;
        if (allowOnly(f, "credential", allow, problems)) {
            ScalarNode c = f.scalar("credential", false);
            if (c != null) {
                if (!ctx.credentials().contains(c.text())) {
                    problems.at(c, "rule refers to undeclared credential '" + c.text() + "'" + Suggest.hint(c.text(), ctx.credentials()));
                    ok = false;
                }
                credential = c.text();
            }
        }
        if (!ok) {
            return null;
        }
        return new RuleDef(id.text(), effect, principals, actions, resources, limits, prompt, output, mask, mode, credential);
    }

    /** The items of a required, non-empty list (reported when missing or empty). */
    private static List<ScalarNode> required(Fields f, String key, String hint, Problems problems) {
        List<ScalarNode> nodes = f.strings(key);
        if (nodes == null) {
            if (!f.has(key)) {
                f.missing(key, hint + "; use [\"*\"] for any");
            }
            return List.of();
        }
        if (nodes.isEmpty()) {
            problems.at(f.node(key), "'" + key + "' in " + f.where() + " is empty, so the rule can never apply ("
                + hint + "; use [\"*\"] for any)");
        }
        return nodes;
    }

    private static List<String> principals(Fields f, Problems problems, RuleContext ctx) {
        List<ScalarNode> nodes = required(f, "principals", "e.g. principals: [support-bot]", problems);
        boolean ok = !nodes.isEmpty();
        for (ScalarNode p : nodes) {
            String v = p.text();
            if (!v.equals("*") && !v.equals(PrincipalSelector.ANONYMOUS) && !ctx.principals().contains(v)) {
                problems.at(p, "rule refers to undeclared principal '" + v + "'" + Suggest.hint(v, ctx.principals()));
                ok = false;
            }
        }
        return ok ? Fields.texts(nodes) : null;
    }

    private static List<String> resources(Fields f, Problems problems, RuleContext ctx, int actionMask) {
        List<ScalarNode> nodes = required(f, "resources", "e.g. resources: [\"model:chat-small\"]", problems);
        boolean ok = !nodes.isEmpty();
        Set<String> families = new HashSet<>();
        for (ScalarNode n : nodes) {
            ResourcePattern r;
            try {
                r = ResourcePattern.parse(n.text());
            } catch (IllegalArgumentException e) {
                problems.at(n, e.getMessage());
                ok = false;
                continue;
            }
            families.add(r.family());
            String unknown = null;
            switch (r.kind()) {
                case MODEL_ID:
                    unknown = ctx.models().contains(r.value()) ? null : "rule refers to undeclared model '" + r.value()
                        + "' (declare it under models, or write model:<provider>/<model-glob>)" + Suggest.hint(r.value(), ctx.models());
                    break;
                case DATASET_ID:
                    unknown = ctx.datasets().contains(r.value()) ? null : "rule refers to undeclared dataset '" + r.value() + "'"
                        + Suggest.hint(r.value(), ctx.datasets());
                    break;
                case DATASET_ENV:
                    unknown = ctx.envs().contains(r.value()) ? null : "no declared dataset has env '" + r.value() + "'"
                        + Suggest.hint(r.value(), ctx.envs());
                    break;
                case DATASET_LABEL:
                    unknown = ctx.labels().contains(r.value()) ? null : "no declared dataset has label '" + r.value() + "'"
                        + Suggest.hint(r.value(), ctx.labels());
                    break;
                default:
                    break;
            }
            if (unknown != null) {
                problems.at(n, unknown);
                ok = false;
            }
        }
        if (ok && actionMask != 0 && !families.contains(null) && !actsOn(actionMask, families)) {
            problems.at(f.node("resources"), f.where() + " can never apply: none of its actions acts on its resources "
                + "(model.* actions act on model: resources, dataset.* on dataset:, vector.* on vector:)");
            ok = false;
        }
        return ok ? Fields.texts(nodes) : null;
    }

    private static boolean actsOn(int actionMask, Set<String> families) {
        for (Action a : Action.values()) {
            if ((actionMask & (1 << a.ordinal())) != 0 && families.contains(a.family())) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code key} may be read: present on a deny rule is reported and skipped. */
    private static boolean allowOnly(Fields f, String key, boolean allow, Problems problems) {
        if (!allow && f.has(key) && !isNull(f.node(key))) {
            problems.at(f.map().entry(key).line(), f.map().entry(key).column(),
                "'" + key + "' has no effect on deny rule " + f.where().replace("rule ", "") + "; it belongs on an allow rule");
            return false;
        }
        return true;
    }

    private static Limits limits(Fields f, Problems problems) {
        MapNode map = f.mapping("limits");
        if (map == null) {
            return f.has("limits") && !isNull(f.node("limits")) ? null : Limits.NONE;
        }
        Fields l = new Fields(map, f.where() + " limits", problems, LIMIT_KEYS);
        Long tokens = l.integer("max_output_tokens", 1);
        Long rows = l.integer("max_rows", 1);
        Long epochs = l.integer("n_epochs", 1);
        Boolean stream = l.bool("stream");
        List<ScalarNode> tools = l.strings("tools");
        boolean ok = (tokens != null || !l.has("max_output_tokens")) && (rows != null || !l.has("max_rows"))
            && (epochs != null || !l.has("n_epochs")) && (stream != null || !l.has("stream"))
            && (tools != null || !l.has("tools"));
        if (!ok) {
            return null;
        }
        return Limits.of(tokens == null ? -1 : tokens, tools == null ? null : new LinkedHashSet<>(Fields.texts(tools)),
            stream, rows == null ? -1 : rows, epochs == null ? -1 : epochs);
    }

    private static List<String> types(Fields r, String key, RuleContext ctx, Problems problems) {
        List<ScalarNode> nodes = r.strings(key);
        if (nodes == null) {
            return r.has(key) ? null : List.of();
        }
        boolean ok = true;
        for (ScalarNode n : nodes) {
            if (!ctx.redactionTypes().contains(n.text())) {
                problems.at(n, "unknown redaction type '" + n.text() + "' (built in: EMAIL, PHONE, CREDIT_CARD, IBAN, "
                    + "US_SSN, IP_ADDRESS, SECRET, INVISIBLE; or a redaction.custom id)"
                    + Suggest.hint(n.text(), ctx.redactionTypes()));
                ok = false;
            }
        }
        return ok ? Fields.texts(nodes) : null;
    }

    private static Map<String, String> mask(Fields f, Problems problems) {
        MapNode map = f.mapping("mask");
        if (map == null) {
            return f.has("mask") && !isNull(f.node("mask")) ? null : Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        boolean ok = true;
        for (MapNode.Entry e : map.entries().values()) {
            if (e.key().isEmpty()) {
                problems.at(e.line(), e.column(), "empty column name in " + f.where() + " mask");
                ok = false;
                continue;
            }
            Node v = e.value();
            String op = v instanceof ScalarNode s && !s.isNull() ? s.text().toUpperCase(Locale.ROOT) : null;
            if (op == null || !MASK_OPERATORS.contains(op)) {
                problems.at(v, "mask operator for '" + e.key() + "' must be HASH, LAST4, REDACT or TAG, found "
                    + (v instanceof ScalarNode s ? "'" + s.text() + "'" : v.describe()));
                ok = false;
                continue;
            }
            out.put(e.key(), op);
        }
        return ok ? out : null;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.isNull();
    }
}
