package dev.cordon.policy.tree;

/** A leaf value. {@code text} is the value as written (for null: "null"). */
public record ScalarNode(Kind kind, String text, int line, int column) implements Node {
    public enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

    @Override
    public String describe() {
        switch (kind) {
            case STRING: return "a string";
            case INTEGER: return "a number";
            case DECIMAL: return "a number";
            case BOOLEAN: return "a boolean";
            default: return "nothing (null)";
        }
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }
}
