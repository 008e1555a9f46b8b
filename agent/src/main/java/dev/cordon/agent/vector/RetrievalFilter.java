package dev.cordon.agent.vector;

import dev.cordon.policy.DatasetDef;
import dev.cordon.policy.Policy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Document-level filtering of retrieval results. A retrieved document whose metadata names a
 * dataset ({@code dataset: <id>}) is kept only if the principal may {@code dataset.read} that
 * dataset; one whose metadata carries labels ({@code labels: [..]} or {@code "a,b"}, or
 * {@code label}) is kept only if the principal holds every one of them, where holding a label means
 * being allowed {@code dataset.read} on some declared dataset that has it. An undeclared dataset id
 * or label is held by nobody. Documents without such metadata are not touched. Only a policy that
 * declares datasets filters at all. The policy's own decisions (and so {@code separation: strict})
 * apply: retrieval opens nothing that reading the data would not.
 */
final class RetrievalFilter {
  static final String DATASET_KEY = "dataset";
  static final String LABELS_KEY = "labels";
  static final String LABEL_KEY = "label";

  /** Why a document was removed, for the audit's counts. */
  enum Removed { DATASET, LABEL }

  private final Policy policy;
  private final String principal;
  private final Map<String, Boolean> datasets = new HashMap<>();
  private final Map<String, Boolean> labels = new HashMap<>();

  RetrievalFilter(Policy policy, String principal) {
    this.policy = policy;
    this.principal = principal;
  }

  static boolean active(Policy policy) {
    return policy != null && !policy.datasets().isEmpty();
  }

  /** Null when the document may be seen, else why not. */
  Removed check(Map<?, ?> metadata) {
    if (metadata == null || metadata.isEmpty()) return null;
    Object ds = metadata.get(DATASET_KEY);
    if (ds != null && !mayRead(String.valueOf(ds))) return Removed.DATASET;
    for (String label : labelsOf(metadata)) {
      if (!holds(label)) return Removed.LABEL;
    }
    return null;
  }

  private boolean mayRead(String datasetId) {
    return datasets.computeIfAbsent(datasetId.trim(), id -> {
      try {
        return policy.explain(principal, "dataset.read", "dataset:" + id).allowed();
      } catch (IllegalArgumentException undeclared) {
        return false;
      }
    });
  }

  private boolean holds(String label) {
    return labels.computeIfAbsent(label, l -> {
      for (DatasetDef d : policy.datasets()) {
        if (d.labels().contains(l) && mayRead(d.id())) return true;
      }
      return false;
    });
  }

  static List<String> labelsOf(Map<?, ?> metadata) {
    List<String> out = new ArrayList<>();
    for (String key : new String[] {LABELS_KEY, LABEL_KEY}) {
      Object v = metadata.get(key);
      if (v instanceof Iterable<?> it) {
        for (Object o : it) if (o != null && !String.valueOf(o).isBlank()) out.add(String.valueOf(o).trim());
      } else if (v instanceof Object[] arr) {
        for (Object o : arr) if (o != null && !String.valueOf(o).isBlank()) out.add(String.valueOf(o).trim());
      } else if (v != null) {
        for (String part : String.valueOf(v).split(",")) if (!part.isBlank()) out.add(part.trim());
      }
    }
    return out;
  }
}
