package dev.cordon.policy;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code redaction} section (spec 2, 8).
 *
 * @param allow values never redacted ({@code redaction.allow}): plain values, and patterns
 *     (written {@code {pattern: "..."}}) that must match a whole found value
 * @param keyFile the HMAC key for the HASH operator ({@code redaction.key_file}, absolute), or null
 *     for the default {@value #DEFAULT_KEY_FILE} beside the policy
 */
public record RedactionConfig(Operator operator, List<Custom> custom, Allow allow, Path keyFile) {
    public static final RedactionConfig DEFAULT = new RedactionConfig(Operator.TAG, List.of());
    public static final String DEFAULT_KEY_FILE = "cordon-redaction.key";

    /** The built-in type names (the redaction engine's). */
    public static final List<String> BUILT_IN = dev.cordon.redact.Types.BUILT_IN;

    public enum Operator { TAG, MASK, HASH, PSEUDONYMIZE }

    /** A custom type: exactly one of {@code pattern} (a regex) and {@code terms} is set. */
    public record Custom(String id, String pattern, List<String> terms) {
        public Custom {
            terms = terms == null ? null : List.copyOf(terms);
        }
    }

    /** The allow-list: exact values and whole-value patterns. */
    public record Allow(List<String> values, List<String> patterns) {
        public static final Allow NONE = new Allow(List.of(), List.of());

        public Allow {
            values = List.copyOf(values);
            patterns = List.copyOf(patterns);
        }
    }

    public RedactionConfig {
        custom = List.copyOf(custom);
        allow = allow == null ? Allow.NONE : allow;
    }

    public RedactionConfig(Operator operator, List<Custom> custom) {
        this(operator, custom, Allow.NONE, null);
    }

    /** {@link #keyFile()}, or the default file beside the policy. */
    public Path keyFile(Path policyDir) {
        return keyFile != null ? keyFile : policyDir.resolve(DEFAULT_KEY_FILE);
    }
}
