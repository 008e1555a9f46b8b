package dev.cordon.agent.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreNamesTest {
  static class InMemoryStore {}

  static class PgLikeStore {
    private final String table = "embeddings";
  }

  static class SpringPgLikeStore extends PgLikeStore {
    private final String vectorTableName = "vector_store";
  }

  static class Blank {
    private final String indexName = " ";
  }

  @Test
  void theTableIndexOrCollectionFieldElseTheClassName() {
    assertEquals("InMemoryStore", StoreNames.of(new InMemoryStore()));
    assertEquals("embeddings", StoreNames.of(new PgLikeStore()));
    assertEquals("embeddings", StoreNames.of(new SpringPgLikeStore()), "field order: table first, wherever declared");
    assertEquals("Blank", StoreNames.of(new Blank()));
  }

  @Test
  void labelsComeAsListsOrCommaSeparatedText() {
    assertEquals(List.of("hr", "pii"), RetrievalFilter.labelsOf(Map.of("labels", List.of("hr", "pii"))));
    assertEquals(List.of("hr", "pii"), RetrievalFilter.labelsOf(Map.of("labels", "hr, pii")));
    assertEquals(List.of("hr"), RetrievalFilter.labelsOf(Map.of("label", "hr")));
    assertEquals(List.of(), RetrievalFilter.labelsOf(Map.of("other", "x")));
  }
}
