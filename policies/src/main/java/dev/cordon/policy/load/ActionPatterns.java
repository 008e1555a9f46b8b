package dev.cordon.policy.load;

import dev.cordon.policy.Action;
import java.util.ArrayList;
import java.util.List;

/** Action names in rules: a wire name, a family glob ({@code model.*}) or {@code *}. Internal. */
public final class ActionPatterns {
    private ActionPatterns() { }

    /** Bit {@code a.ordinal()} set for every action {@code pattern} covers; 0 when unknown. */
    public static int mask(String pattern) {
        int mask = 0;
        for (Action a : Action.values()) {
            if (pattern.equals("*") || pattern.equals(a.wireName())
                || (pattern.endsWith(".*") && pattern.substring(0, pattern.length() - 2).equals(a.family()))) {
                mask |= 1 << a.ordinal();
            }
        }
        return mask;
    }

    /** Every accepted spelling, for "did you mean". */
    static List<String> spellings() {
        List<String> out = new ArrayList<>();
        for (Action a : Action.values()) {
            out.add(a.wireName());
        }
        out.add("model.*");
        out.add("dataset.*");
        out.add("vector.*");
        out.add("*");
        return out;
    }
}
