package com.acme.shared;

import com.acme.indexing.Indexer;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;

/**
 * An application's retrieval code: a LangChain4j in-memory store and a Spring AI SimpleVectorStore,
 * filled by {@link Indexer} (principal "indexer") with five documents whose metadata name datasets
 * and labels, then searched by whoever calls the script. Steps: {@code l4j}, {@code spring} (search,
 * prints the texts retrieved, sorted), {@code l4j-add}, {@code spring-add}, {@code l4j-remove},
 * {@code spring-delete} (as the caller). Output as in {@link AiScript}.
 */
public final class VectorScript {
  static final float[] VECTOR = {1f, 0f, 0f};
  public static final List<Map<String, Object>> DOCS = List.of(
      Map.of("text", "refund policy", "dataset", "public-docs"),
      Map.of("text", "ann's card 4111", "dataset", "prod-customers"),
      Map.of("text", "salary bands", "labels", "hr"),
      Map.of("text", "onboarding guide"),
      Map.of("text", "training notes", "dataset", "training-corpus"));

  private final InMemoryEmbeddingStore<TextSegment> l4j = new InMemoryEmbeddingStore<>();
  private final SimpleVectorStore spring = SimpleVectorStore.builder(new FixedEmbeddings()).build();
  private int step;

  public void run(String[] steps) {
    Indexer.index(l4j, spring, DOCS, VECTOR);
    for (String s : steps) {
      int i = ++step;
      try {
        System.out.println("#" + i + " OK " + perform(s));
      } catch (SecurityException e) {
        System.out.println("#" + i + " DENIED " + e.getClass().getName() + ": " + e.getMessage());
      } catch (RuntimeException e) {
        Throwable c = e;
        while (c.getCause() != null && !(c instanceof SecurityException)) c = c.getCause();
        String tag = c instanceof SecurityException ? "DENIED " : "FAIL ";
        System.out.println("#" + i + " " + tag + c.getClass().getName() + ": " + c.getMessage());
      }
    }
    System.out.flush();
  }

  private String perform(String s) {
    switch (s) {
      case "l4j": {
        List<String> texts = new ArrayList<>();
        for (EmbeddingMatch<TextSegment> m : l4j.search(EmbeddingSearchRequest.builder()
            .queryEmbedding(dev.langchain4j.data.embedding.Embedding.from(VECTOR)).maxResults(10).minScore(0.0).build())
            .matches()) {
          texts.add(m.embedded().text());
        }
        return sorted(texts);
      }
      case "spring": {
        List<String> texts = new ArrayList<>();
        for (Document d : spring.similaritySearch(SearchRequest.builder().query("anything").topK(10)
            .similarityThresholdAll().build())) {
          texts.add(d.getText());
        }
        return sorted(texts);
      }
      case "l4j-add":
        return "added " + l4j.add(dev.langchain4j.data.embedding.Embedding.from(VECTOR), TextSegment.from("new"));
      case "spring-add":
        spring.add(List.of(new Document("new")));
        return "added";
      case "l4j-remove":
        l4j.removeAll();
        return "removed";
      case "spring-delete":
        spring.delete(List.of("no-such-id"));
        return "deleted";
      default:
        throw new IllegalArgumentException("unknown step " + s);
    }
  }

  private static String sorted(List<String> texts) {
    texts.sort(null);
    return texts.toString();
  }

  /** Every text embeds to the same vector: every document matches every query. */
  static final class FixedEmbeddings implements EmbeddingModel {
    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
      List<Embedding> out = new ArrayList<>();
      for (int i = 0; i < request.getInstructions().size(); i++) out.add(new Embedding(VECTOR.clone(), i));
      return new EmbeddingResponse(out);
    }

    @Override
    public float[] embed(Document document) {
      return VECTOR.clone();
    }
  }
}
