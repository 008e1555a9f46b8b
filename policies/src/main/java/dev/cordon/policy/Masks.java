package dev.cordon.policy;

import java.util.List;

/**
 * Combining two allows that mask the same column: the one that reveals less wins.
 * REDACT (nothing) > TAG (only the type) > HASH (linkable, not readable) > LAST4 (4 characters).
 */
final class Masks {
    private static final List<String> STRICTEST_FIRST = List.of("REDACT", "TAG", "HASH", "LAST4");

    private Masks() { }

    static String stricter(String a, String b) {
        return STRICTEST_FIRST.indexOf(a) <= STRICTEST_FIRST.indexOf(b) ? a : b;
    }
}
