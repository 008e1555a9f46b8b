package dev.cordon.policy;

import java.util.List;

/** The {@code redaction} section (spec 2, 8). */
public record RedactionConfig(Operator operator, List<Custom> custom) {
    public static final RedactionConfig DEFAULT = new RedactionConfig(Operator.TAG, List.of());

    /** The built-in type names. */
    public static final List<String> BUILT_IN =
        List.of("EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS", "SECRET", "INVISIBLE");

    public enum Operator { TAG, MASK, HASH, PSEUDONYMIZE }

    /** A custom type: exactly one of {@code pattern} (a regex) and {@code terms} is set. */
    public record Custom(String id, String pattern, List<String> terms) {
        public Custom {
            terms = terms == null ? null : List.copyOf(terms);
        }
    }

    public RedactionConfig {
        custom = List.copyOf(custom);
    }
}
