package dev.cordon.policy;

/** An embedding-store / vector-store collection. */
public final class VectorRef implements Resource {
    private final String collection;
    private final String id;
    final DecisionCache cache;

    VectorRef(String collection, DecisionCache cache) {
        this.collection = collection;
        this.id = "vector:" + collection;
        this.cache = cache;
    }

    public String collection() {
        return collection;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VectorRef v && v.collection.equals(collection);
    }

    @Override
    public int hashCode() {
        return collection.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
