package dev.cordon.policy;

/** One parse or validation problem, located in the policy file (line and column are 1-based). */
public record Problem(String file, int line, int column, String message) implements java.io.Serializable {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
