package dev.cordon.policy;

import java.nio.file.Path;

/** The {@code audit} section. {@code file} is absolute (default cordon-audit.jsonl beside the policy). */
public record AuditConfig(Path file, Prompts prompts) {
    public static final String DEFAULT_FILE = "cordon-audit.jsonl";

    public enum Prompts {
        NONE, HASH, REDACTED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
