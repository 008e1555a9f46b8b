package dev.cordon.policy.glob;

/** A compiled glob. Matching never allocates and never backtracks exponentially. Internal. */
public interface Glob {
    boolean matches(String s);

    /** The pattern as written (after resolution, for relative file globs). */
    String pattern();

    /**
     * Characters every match starts with (before the first wildcard); lets callers reject most
     * candidates with one {@code startsWith} before any glob work.
     */
    String literalPrefix();
}
