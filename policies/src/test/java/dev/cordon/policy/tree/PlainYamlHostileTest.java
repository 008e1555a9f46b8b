package dev.cordon.policy.tree;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Nesting deep enough to overflow a recursive reader gets a parser error, not a StackOverflowError. */
class PlainYamlHostileTest {
    @Test
    void deepFlowNestingIsLeftToTheParser() {
        String text = "version: 1\nmode: enforce\nx: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        assertNull(PlainYaml.read(text));
        assertFalse(TreeReader.read(text, false).issues().isEmpty(), "the parser refuses it with an error");
    }

    @Test
    void deepBlockNestingIsLeftToTheParser() {
        StringBuilder b = new StringBuilder("version: 1\nmode: enforce\n");
        for (int i = 0; i < 2_000; i++) {
            b.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }
        b.append(" ".repeat(2_000)).append("v: 1\n");
        assertNull(PlainYaml.read(b.toString()));
        assertFalse(TreeReader.read(b.toString(), false).issues().isEmpty(), "the parser refuses it with an error");
    }

    @Test
    void nestingAsDeepAsPoliciesGoIsStillRead() {
        String text = "version: 1\nmode: enforce\nx: " + "[".repeat(30) + "a" + "]".repeat(30) + "\n";
        org.junit.jupiter.api.Assertions.assertNotNull(PlainYaml.read(text));
    }
}
