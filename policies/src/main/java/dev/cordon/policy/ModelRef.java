package dev.cordon.policy;

import java.util.Objects;

/** A requested model: provider, model name, and the declared entry it resolved to (nullable). */
public final class ModelRef implements Resource {
    private final String provider;
    private final String model;
    private final ModelDef declared;
    private final String id;
    final DecisionCache cache;

    ModelRef(String provider, String model, ModelDef declared, DecisionCache cache) {
        this.provider = provider;
        this.model = model;
        this.declared = declared;
        this.id = declared != null ? "model:" + declared.id() : "model:" + provider + "/" + model;
        this.cache = cache;
    }

    public String provider() {
        return provider;
    }

    public String model() {
        return model;
    }

    /** The declared models entry this request resolved to, or null. */
    public ModelDef declared() {
        return declared;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelRef m && m.provider.equals(provider) && m.model.equals(model)
            && Objects.equals(m.declared, declared);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, model, declared);
    }

    @Override
    public String toString() {
        return id;
    }
}
