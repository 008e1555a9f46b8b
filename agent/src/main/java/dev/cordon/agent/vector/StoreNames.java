package dev.cordon.agent.vector;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * The collection a store stands for, as in {@code vector:<collection>}: the store's table, index,
 * collection or class name, read from the first non-empty String field with one of the usual names
 * (PgVector's {@code table}, Spring AI's {@code vectorTableName}, Elasticsearch's {@code indexName},
 * Qdrant's {@code collectionName}, Weaviate's {@code className}...), walking up the class
 * hierarchy; a store without one (the in-memory stores) is named by its class's simple name:
 * {@code vector:InMemoryEmbeddingStore}, {@code vector:SimpleVectorStore}.
 */
final class StoreNames {
  private StoreNames() {}

  static final List<String> FIELDS = List.of("table", "tableName", "vectorTableName", "indexName", "index",
      "collectionName", "collection", "className", "namespace");

  private static final ClassValue<Field[]> NAME_FIELDS = new ClassValue<>() {
    @Override
    protected Field[] computeValue(Class<?> type) {
      java.util.ArrayList<Field> found = new java.util.ArrayList<>();
      for (String name : FIELDS) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
          try {
            Field f = c.getDeclaredField(name);
            if (f.getType() == String.class && !Modifier.isStatic(f.getModifiers())) {
              f.setAccessible(true);
              found.add(f);
              break;
            }
          } catch (NoSuchFieldException | RuntimeException e) {
            // not this class, or not accessible: try the next
          }
        }
      }
      return found.toArray(new Field[0]);
    }
  };

  static String of(Object store) {
    for (Field f : NAME_FIELDS.get(store.getClass())) {
      try {
        Object v = f.get(store);
        if (v instanceof String s && !s.isBlank()) return s;
      } catch (IllegalAccessException e) {
        // fall through to the next candidate
      }
    }
    // Spring AI's VectorStore.getName(), when a store overrides it.
    try {
      Method m = store.getClass().getMethod("getName");
      if (m.getReturnType() == String.class && m.getDeclaringClass() != Object.class
          && !m.getDeclaringClass().isInterface()) {
        Object v = m.invoke(store);
        if (v instanceof String s && !s.isBlank()) return s;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // no name of its own
    }
    return store.getClass().getSimpleName();
  }
}
