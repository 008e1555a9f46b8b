package dev.cordon.policy;

/** What a rule does when it applies. */
public enum Effect {
    ALLOW, DENY;

    /** "allow" / "deny", as in a policy file and the audit log. */
    public String wireName() {
        return this == ALLOW ? "allow" : "deny";
    }
}
