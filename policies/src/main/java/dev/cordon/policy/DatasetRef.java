package dev.cordon.policy;

/** An access to a declared dataset. */
public final class DatasetRef implements Resource {
    private final DatasetDef dataset;
    private final String id;
    final DecisionCache cache;

    DatasetRef(DatasetDef dataset, DecisionCache cache) {
        this.dataset = dataset;
        this.id = "dataset:" + dataset.id();
        this.cache = cache;
    }

    public DatasetDef dataset() {
        return dataset;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetRef d && d.dataset.equals(dataset);
    }

    @Override
    public int hashCode() {
        return dataset.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
