package dev.cordon.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Test helpers: parse policy text, list problems as "line:column: message". */
final class Yaml {
    static final String HEAD = "version: 1\nmode: enforce\n";
    static final Path BASE = Path.of("/policy-dir");

    private Yaml() { }

    static Policy parse(String text) {
        try {
            return PolicyLoader.parse(text, "cordon.yaml", false, BASE);
        } catch (PolicyException e) {
            throw new AssertionError("unexpected problems:\n" + e.getMessage(), e);
        }
    }

    static Policy json(String text) {
        try {
            return PolicyLoader.parse(text, "cordon.json", true, BASE);
        } catch (PolicyException e) {
            throw new AssertionError("unexpected problems:\n" + e.getMessage(), e);
        }
    }

    static List<Problem> problems(String text, boolean json) {
        PolicyException e = assertThrows(PolicyException.class,
            () -> PolicyLoader.parse(text, json ? "cordon.json" : "cordon.yaml", json, BASE));
        return e.problems();
    }

    static List<Problem> problems(String text) {
        return problems(text, false);
    }

    /** Asserts exactly one problem, at line:column, whose message contains {@code fragment}. */
    static Problem only(String text, int line, int column, String fragment) {
        List<Problem> ps = problems(text);
        assertEquals(1, ps.size(), () -> "expected one problem, got:\n" + render(ps));
        Problem p = ps.get(0);
        assertEquals(line + ":" + column, p.line() + ":" + p.column(), () -> "location of: " + p);
        assertTrue(p.message().contains(fragment), () -> "message '" + p.message() + "' lacks '" + fragment + "'");
        return p;
    }

    /** Asserts some problem at line:column contains {@code fragment}. */
    static void has(List<Problem> ps, int line, int column, String fragment) {
        for (Problem p : ps) {
            if (p.line() == line && p.column() == column && p.message().contains(fragment)) {
                return;
            }
        }
        fail("no problem at " + line + ":" + column + " containing '" + fragment + "' in:\n" + render(ps));
    }

    static String render(List<Problem> ps) {
        return ps.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
