package dev.cordon.policy;

import java.util.Locale;

/** Global or per-rule enforcement mode. */
public enum Mode {
    /** Denied calls are blocked and redactions applied. */
    ENFORCE,
    /** Nothing is blocked or rewritten; the audit says what enforce would have done. */
    MONITOR;

    /** Case-insensitive; {@code null} for {@code null} or an unknown name. */
    public static Mode parse(String s) {
        if (s == null) {
            return null;
        }
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "enforce": return ENFORCE;
            case "monitor": return MONITOR;
            default: return null;
        }
    }

    /** The name as written in a policy and the audit log. */
    public String wireName() {
        return this == ENFORCE ? "enforce" : "monitor";
    }
}
