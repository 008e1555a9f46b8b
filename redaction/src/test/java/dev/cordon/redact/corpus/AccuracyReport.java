package dev.cordon.redact.corpus;

import java.util.List;

/**
 * Prints precision and recall per type over the generated corpus: {@code redaction/accuracy.sh}
 * [samples] [seed] (defaults 10000 and 42).
 */
public final class AccuracyReport {
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
    List<Corpus.Sample> corpus = Corpus.generate(seed, n);
    long labels = corpus.stream().mapToLong(s -> s.gold().size()).sum();
    long start = System.nanoTime();
    Accuracy a = Accuracy.measure(corpus);
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("corpus: %d samples (seed %d), %d labelled entities, scored in %d ms%n%n", n, seed, labels, ms);
    System.out.print(a.table());
    if (!a.mistakes.isEmpty()) {
      System.out.println("\nfirst mistakes:");
      a.mistakes.forEach(m -> System.out.println("  " + m.replace("\n", "\\n")));
    }
  }
}
