package dev.cordon.benchmarks;

/**
 * A large, realistic policy for benchmarks: 20 principals, 20 models, 10 datasets and 200
 * rules (one in ten a deny) spread over every action family and resource form.
 */
final class GeneratedPolicy {
    static final int PRINCIPALS = 20;
    static final int MODELS = 20;
    static final int DATASETS = 10;
    static final int RULES = 200;

    private GeneratedPolicy() { }

    static String yaml() {
        StringBuilder b = new StringBuilder("version: 1\nmode: enforce\nprincipals:\n");
        for (int i = 0; i < PRINCIPALS; i++) {
            b.append("  - { id: p").append(i).append(", match: { code: [\"com.acme.p").append(i).append(".**\"]")
                .append(i % 4 == 0 ? ", threads: [\"worker-" + i + "-*\"]" : "").append(" } }\n");
        }
        b.append("models:\n");
        for (int i = 0; i < MODELS; i++) {
            b.append("  - { id: m").append(i).append(", provider: ").append(i % 2 == 0 ? "openai" : "anthropic")
                .append(", model: \"fam").append(i).append("-*\" }\n");
        }
        b.append("datasets:\n");
        for (int i = 0; i < DATASETS; i++) {
            b.append("  - { id: d").append(i).append(", env: ").append(i % 3 == 0 ? "production" : "training")
                .append(", labels: [").append(i % 2 == 0 ? "pii" : "public").append("], files: [\"/data/d").append(i)
                .append("/**\"], jdbc: { url: \"jdbc:postgresql://db").append(i).append("/*\" } }\n");
        }
        b.append("rules:\n");
        String[] families = {"model.chat", "model.embed", "dataset.read", "dataset.*", "vector.query", "model.*"};
        for (int i = 0; i < RULES; i++) {
            boolean deny = i % 10 == 9;
            String action = families[i % families.length];
            String resource;
            if (action.startsWith("model")) {
                resource = i % 3 == 0 ? "model:m" + (i % MODELS) : "model:" + (i % 2 == 0 ? "openai" : "anthropic") + "/fam" + (i % MODELS) + "-*";
            } else if (action.startsWith("dataset")) {
                resource = i % 4 == 0 ? "dataset:env=production" : "dataset:d" + (i % DATASETS);
            } else {
                resource = "vector:col" + (i % 5) + "*";
            }
            b.append("  - { id: r").append(i).append(", effect: ").append(deny ? "deny" : "allow")
                .append(", principals: [p").append(i % PRINCIPALS).append(", p").append((i + 7) % PRINCIPALS).append("]")
                .append(", actions: [\"").append(action).append("\"], resources: [\"").append(resource).append("\"]");
            if (!deny && action.startsWith("model")) {
                b.append(", limits: { max_output_tokens: ").append(256 + i).append(" }, redact: { prompt: [EMAIL, SECRET] }");
            }
            b.append(" }\n");
        }
        return b.toString();
    }
}
