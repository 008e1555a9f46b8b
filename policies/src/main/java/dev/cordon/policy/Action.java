package dev.cordon.policy;

/** The governed actions of spec section 4. The ordinal indexes decision caches: append only. */
public enum Action {
    MODEL_CHAT("model.chat"),
    MODEL_EMBED("model.embed"),
    MODEL_FINE_TUNE("model.fine_tune"),
    MODEL_FILES("model.files"),
    DATASET_READ("dataset.read"),
    DATASET_WRITE("dataset.write"),
    VECTOR_QUERY("vector.query"),
    VECTOR_WRITE("vector.write");

    private static final Action[] ALL = values();

    private final String wire;

    Action(String wire) {
        this.wire = wire;
    }

    /** The name used in policies and the audit log, e.g. {@code model.chat}. */
    public String wireName() {
        return wire;
    }

    /** The family before the dot: "model", "dataset" or "vector". */
    public String family() {
        return wire.substring(0, wire.indexOf('.'));
    }

    /** Exact, case-sensitive wire name; {@code null} when unknown. */
    public static Action fromWire(String s) {
        if (s == null) {
            return null;
        }
        for (Action a : ALL) {
            if (a.wire.equals(s)) {
                return a;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return wire;
    }
}
