package com.acme.indexing;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.VectorStore;

/** The "indexer" principal of the test policies: fills the stores (vector.write). */
public final class Indexer {
  private Indexer() {}

  public static void index(EmbeddingStore<TextSegment> l4j, VectorStore spring, List<Map<String, Object>> docs,
      float[] vector) {
    List<Embedding> embeddings = new ArrayList<>();
    List<TextSegment> segments = new ArrayList<>();
    List<Document> documents = new ArrayList<>();
    for (Map<String, Object> d : docs) {
      Map<String, Object> meta = new java.util.HashMap<>(d);
      String text = (String) meta.remove("text");
      embeddings.add(Embedding.from(vector));
      segments.add(TextSegment.from(text, Metadata.from(meta)));
      documents.add(new Document(text, meta));
    }
    l4j.addAll(embeddings, segments);
    spring.add(documents);
  }
}
