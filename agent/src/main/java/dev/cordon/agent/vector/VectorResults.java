package dev.cordon.agent.vector;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and rebuilds the results of a retrieval, through reflection (the agent cannot link against
 * the application's copies of the libraries): Spring AI's {@code List<Document>}
 * ({@code getMetadata()}), and LangChain4j's {@code EmbeddingSearchResult} ({@code matches()}, each
 * match's {@code embedded().metadata().toMap()}), rebuilt with its {@code (List)} constructor.
 */
final class VectorResults {
  private VectorResults() {}

  /** What filtering did: the result to hand on, the documents kept, and the ones removed by reason. */
  record Filtered(Object result, int kept, Map<RetrievalFilter.Removed, Integer> removed) {
    int removedTotal() {
      int n = 0;
      for (int v : removed.values()) n += v;
      return n;
    }
  }

  /**
   * Checks every document; with {@code apply} the removed ones are taken out of the result, else
   * (monitor mode) only counted. A result of a shape this class does not know is handed on whole.
   */
  static Filtered filter(Object result, RetrievalFilter filter, boolean apply) throws ReflectiveOperationException {
    Map<RetrievalFilter.Removed, Integer> removed = new EnumMap<>(RetrievalFilter.Removed.class);
    if (result instanceof List<?> docs) {
      List<Object> kept = check(docs, filter, removed, false);
      return new Filtered(apply && kept.size() != docs.size() ? kept : result, kept.size(), removed);
    }
    if (result == null) return new Filtered(null, 0, removed);
    Method matches = method(result.getClass(), "matches");
    if (matches == null || !List.class.isAssignableFrom(matches.getReturnType())) {
      return new Filtered(result, -1, removed);
    }
    List<?> all = (List<?>) matches.invoke(result);
    List<Object> kept = check(all, filter, removed, true);
    if (!apply || kept.size() == all.size()) return new Filtered(result, kept.size(), removed);
    Constructor<?> rebuild = result.getClass().getConstructor(List.class);
    return new Filtered(rebuild.newInstance(kept), kept.size(), removed);
  }

  private static List<Object> check(List<?> items, RetrievalFilter filter, Map<RetrievalFilter.Removed, Integer> removed,
      boolean embeddingMatches) throws ReflectiveOperationException {
    List<Object> kept = new ArrayList<>(items.size());
    for (Object item : items) {
      Object doc = item;
      if (embeddingMatches && item != null) {
        Method embedded = method(item.getClass(), "embedded");
        doc = embedded == null ? null : embedded.invoke(item);
      }
      RetrievalFilter.Removed why = filter.check(metadataOf(doc));
      if (why == null) kept.add(item);
      else removed.merge(why, 1, Integer::sum);
    }
    return kept;
  }

  /** A document's metadata as a map: {@code getMetadata()} (Spring AI) or {@code metadata().toMap()} (LangChain4j). */
  static Map<?, ?> metadataOf(Object doc) throws ReflectiveOperationException {
    if (doc == null) return null;
    Method get = method(doc.getClass(), "getMetadata");
    if (get != null && Map.class.isAssignableFrom(get.getReturnType())) return (Map<?, ?>) get.invoke(doc);
    Method metadata = method(doc.getClass(), "metadata");
    if (metadata == null) return null;
    Object md = metadata.invoke(doc);
    if (md instanceof Map<?, ?> m) return m;
    if (md == null) return null;
    Method toMap = method(md.getClass(), "toMap");
    return toMap == null ? null : (Map<?, ?>) toMap.invoke(md);
  }

  private static final ClassValue<Map<String, Method>> METHODS = new ClassValue<>() {
    @Override
    protected Map<String, Method> computeValue(Class<?> type) {
      return new java.util.concurrent.ConcurrentHashMap<>();
    }
  };
  private static final Method NONE;

  static {
    try {
      NONE = Object.class.getMethod("hashCode");
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** A public no-argument method, or null; remembered per class. */
  static Method method(Class<?> type, String name) {
    Method m = METHODS.get(type).computeIfAbsent(name, n -> {
      try {
        Method found = type.getMethod(n);
        try {
          found.setAccessible(true); // public method of a class that may itself not be public
        } catch (RuntimeException ignored) {
          // accessible as it is
        }
        return found;
      } catch (NoSuchMethodException e) {
        return NONE;
      }
    });
    return m == NONE ? null : m;
  }
}
