package dev.cordon.policy;

/**
 * The decisions already taken for one resource instance, one slot per (principal, action).
 * Slots are written racily on purpose: a {@link Decision} is immutable with final fields, so a
 * reader sees either null (and recomputes the same answer) or a complete object. The owner check
 * keeps a resource resolved by an older policy from reading this policy's answers.
 */
final class DecisionCache {
    final Object owner;
    private final int size;
    private Decision[] slots;

    DecisionCache(Object owner, int size) {
        this.owner = owner;
        this.size = size;
    }

    Decision get(int slot) {
        Decision[] a = slots;
        return a == null ? null : a[slot];
    }

    void put(int slot, Decision d) {
        Decision[] a = slots;
        if (a == null) {
            a = new Decision[size];
            slots = a;
        }
        a[slot] = d;
    }
}
