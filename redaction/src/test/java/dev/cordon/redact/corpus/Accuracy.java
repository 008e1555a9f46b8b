package dev.cordon.redact.corpus;

import dev.cordon.redact.Redactor;
import dev.cordon.redact.Span;
import dev.cordon.redact.TypeSet;
import dev.cordon.redact.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Precision and recall per type over a corpus: a found span counts only if start, end and type all match a label. */
public final class Accuracy {
  public record Score(long tp, long fp, long fn) {
    public double precision() {
      return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
    }

    public double recall() {
      return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
    }
  }

  public final Map<String, Score> byType = new LinkedHashMap<>();
  public final List<String> mistakes = new ArrayList<>();

  public static Accuracy measure(List<Corpus.Sample> corpus) {
    Redactor r = Redactor.builder().build();
    TypeSet all = r.types(Types.BUILT_IN);
    Map<String, long[]> c = new LinkedHashMap<>();
    for (String t : Types.BUILT_IN) c.put(t, new long[3]);
    Accuracy a = new Accuracy();
    for (Corpus.Sample s : corpus) {
      Set<Span> gold = new HashSet<>(s.gold());
      Set<Span> found = new HashSet<>(r.find(s.text(), all));
      for (Span f : found) {
        if (gold.contains(f)) c.get(f.type())[0]++;
        else {
          c.get(f.type())[1]++;
          if (a.mistakes.size() < 40) a.mistakes.add("FP " + f.type() + " '" + s.text().substring(f.start(), f.end()) + "' in: " + s.text());
        }
      }
      for (Span g : gold) {
        if (!found.contains(g)) {
          c.get(g.type())[2]++;
          if (a.mistakes.size() < 40) a.mistakes.add("FN " + g.type() + " '" + s.text().substring(g.start(), g.end()) + "' in: " + s.text());
        }
      }
    }
    c.forEach((t, n) -> a.byType.put(t, new Score(n[0], n[1], n[2])));
    return a;
  }

  public String table() {
    StringBuilder sb = new StringBuilder(String.format("%-12s %7s %5s %5s %9s %7s%n", "type", "tp", "fp", "fn", "precision", "recall"));
    byType.forEach((t, s) -> sb.append(String.format("%-12s %7d %5d %5d %9.4f %7.4f%n", t, s.tp(), s.fp(), s.fn(), s.precision(), s.recall())));
    return sb.toString();
  }
}
