package dev.cordon.policy.tree;

/**
 * A parsed policy value that remembers where it was written, so every validation problem can
 * point at a line and column. Internal: not part of the policy API.
 */
public sealed interface Node permits MapNode, ListNode, ScalarNode {
    /** 1-based. */
    int line();

    /** 1-based. */
    int column();

    /** "a mapping", "a list", "a string", ... for error messages. */
    String describe();
}
