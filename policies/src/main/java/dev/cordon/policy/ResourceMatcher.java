package dev.cordon.policy;

import dev.cordon.policy.glob.TextGlob;
import dev.cordon.policy.load.ResourcePattern;

/** A rule's resource pattern (spec 4), compiled. Matching never allocates. */
final class ResourceMatcher {
    private final ResourcePattern.Kind kind;
    private final String provider;
    private final String value;
    private final TextGlob glob;

    private ResourceMatcher(ResourcePattern p) {
        this.kind = p.kind();
        this.provider = p.provider();
        this.value = p.value();
        switch (p.kind()) {
            // Model names compare case-insensitively: a case variant of a model is the same
            // model or no model at the provider, so matching it can only be the safer reading.
            case MODEL_GLOB: glob = TextGlob.compile(p.value(), true); break;
            // Collections are case-sensitive in the stores we know: "DOCS" may be another collection.
            case VECTOR: glob = TextGlob.compile(p.value(), false); break;
            default: glob = null;
        }
    }

    static ResourceMatcher of(String written) {
        return new ResourceMatcher(ResourcePattern.parse(written));
    }

    boolean matches(Resource r) {
        switch (kind) {
            case ANY:
                return true;
            case MODEL_ANY:
                return r instanceof ModelRef;
            case MODEL_ID:
                return r instanceof ModelRef m && m.declared() != null && m.declared().id().equals(value);
            case MODEL_GLOB:
                return r instanceof ModelRef m && (provider.equals("*") || provider.equalsIgnoreCase(m.provider()))
                    && glob.matches(m.model());
            case DATASET_ANY:
                return r instanceof DatasetRef;
            case DATASET_ID:
                return r instanceof DatasetRef d && d.dataset().id().equals(value);
            case DATASET_ENV:
                return r instanceof DatasetRef d && value.equals(d.dataset().env());
            case DATASET_LABEL:
                return r instanceof DatasetRef d && d.dataset().labels().contains(value);
            case VECTOR:
                return r instanceof VectorRef v && glob.matches(v.collection());
            default:
                return false;
        }
    }
}
