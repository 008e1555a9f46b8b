package dev.cordon.policy.load;

import dev.cordon.policy.glob.TextGlob;

/**
 * A rule's resource as written (spec 4), parsed; also used to parse the CLI's resource
 * argument. {@code provider} is set for {@link Kind#MODEL_GLOB} only; {@code value} holds the id,
 * env, label or glob. Internal.
 */
public record ResourcePattern(Kind kind, String provider, String value, String text) {
    public enum Kind { ANY, MODEL_ANY, MODEL_ID, MODEL_GLOB, DATASET_ANY, DATASET_ID, DATASET_ENV, DATASET_LABEL, VECTOR }

    static final String FORMS = "use model:<id>, model:<provider>/<model-glob>, model:*, dataset:<id>, "
        + "dataset:env=<env>, dataset:label=<label>, dataset:*, vector:<collection-glob> or *";

    /** @throws IllegalArgumentException with a user-facing reason */
    public static ResourcePattern parse(String s) {
        if (s.equals("*")) {
            return new ResourcePattern(Kind.ANY, null, null, s);
        }
        if (s.startsWith("model:")) {
            String rest = s.substring("model:".length());
            if (rest.equals("*")) {
                return new ResourcePattern(Kind.MODEL_ANY, null, null, s);
            }
            int slash = rest.indexOf('/');
            if (slash < 0) {
                require(!rest.isEmpty(), "empty model id in '" + s + "'");
                require(rest.indexOf('*') < 0, "'" + s + "': a model glob needs a provider, e.g. model:openai/"
                    + rest + " or model:*/" + rest);
                return new ResourcePattern(Kind.MODEL_ID, null, rest, s);
            }
            String provider = rest.substring(0, slash);
            String glob = rest.substring(slash + 1);
            require(provider.equals("*") || Providers.isKnown(provider), "unknown provider '" + provider
                + "' in '" + s + "' (known: " + String.join(", ", Providers.KNOWN) + ", *)"
                + Suggest.hint(provider, Providers.KNOWN));
            String why = TextGlob.check(glob);
            require(why == null, "malformed model glob in '" + s + "': " + why);
            return new ResourcePattern(Kind.MODEL_GLOB, provider, glob, s);
        }
        if (s.startsWith("dataset:")) {
            String rest = s.substring("dataset:".length());
            if (rest.equals("*")) {
                return new ResourcePattern(Kind.DATASET_ANY, null, null, s);
            }
            if (rest.startsWith("env=")) {
                String env = rest.substring(4);
                require(!env.isEmpty(), "empty env in '" + s + "'");
                return new ResourcePattern(Kind.DATASET_ENV, null, env, s);
            }
            if (rest.startsWith("label=")) {
                String label = rest.substring(6);
                require(!label.isEmpty(), "empty label in '" + s + "'");
                return new ResourcePattern(Kind.DATASET_LABEL, null, label, s);
            }
            require(!rest.isEmpty(), "empty dataset id in '" + s + "'");
            require(rest.indexOf('*') < 0, "'" + s + "': dataset ids are not globs; use dataset:*, "
                + "dataset:env=<env> or dataset:label=<label>");
            return new ResourcePattern(Kind.DATASET_ID, null, rest, s);
        }
        if (s.startsWith("vector:")) {
            String glob = s.substring("vector:".length());
            String why = TextGlob.check(glob);
            require(why == null, "malformed collection glob in '" + s + "': " + why);
            return new ResourcePattern(Kind.VECTOR, null, glob, s);
        }
        throw new IllegalArgumentException("unknown resource '" + s + "': " + FORMS);
    }

    /** "model", "dataset", "vector", or null for {@code *}. */
    public String family() {
        switch (kind) {
            case ANY: return null;
            case MODEL_ANY: case MODEL_ID: case MODEL_GLOB: return "model";
            case VECTOR: return "vector";
            default: return "dataset";
        }
    }

    private static void require(boolean ok, String why) {
        if (!ok) {
            throw new IllegalArgumentException(why);
        }
    }
}
