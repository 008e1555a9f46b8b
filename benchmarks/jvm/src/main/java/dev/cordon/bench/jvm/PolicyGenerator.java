package dev.cordon.bench.jvm;

/** A 200-rule policy of realistic shape: 20 principals, 20 models, 10 datasets, allows and denies mixed. */
final class PolicyGenerator {
  private PolicyGenerator() {}

  static String yaml(int rules) {
    return yaml(rules, true);
  }

  /** With {@code fileDatasets} false the datasets are JDBC ones: the JDK's file funnels are then never woven. */
  static String yaml(int rules, boolean fileDatasets) {
    StringBuilder y = new StringBuilder("version: 1\nmode: enforce\nprincipals:\n");
    for (int i = 0; i < 20; i++) y.append("  - { id: p").append(i).append(", match: { code: [\"com.acme.team").append(i).append(".**\"] } }\n");
    y.append("  - { id: bench, match: { code: [\"dev.cordon.bench.**\"] } }\n");
    y.append("models:\n");
    for (int i = 0; i < 20; i++) y.append("  - { id: m").append(i).append(", provider: openai, model: \"model-").append(i).append("-*\" }\n");
    y.append("  - { id: small, provider: openai, model: \"gpt-4o-mini*\" }\n");
    y.append("datasets:\n");
    for (int i = 0; i < 10; i++) y.append("  - { id: d").append(i).append(", env: ").append(i % 3 == 0 ? "production" : "training")
        .append(fileDatasets ? ", files: [\"/srv/data/d" + i + "/**\"] }\n" : ", jdbc: { url: \"jdbc:h2:*d" + i + "*\" } }\n");
    y.append("rules:\n");
    for (int i = 0; i < rules - 1; i++) {
      boolean deny = i % 7 == 0;
      y.append("  - { id: r").append(i).append(", effect: ").append(deny ? "deny" : "allow")
          .append(", principals: [p").append(i % 20).append("], actions: [").append(i % 2 == 0 ? "model.chat" : "\"dataset.*\"")
          .append("], resources: [\"").append(i % 2 == 0 ? "model:m" + (i % 20) : "dataset:d" + (i % 10)).append("\"]")
          .append(deny ? "" : ", limits: { max_output_tokens: " + (256 + i) + " }").append(" }\n");
    }
    y.append("  - { id: bench-chat, effect: allow, principals: [bench], actions: [model.chat], resources: [\"model:small\"], limits: { max_output_tokens: 1024 } }\n");
    return y.toString();
  }
}
