package dev.cordon.redact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Aho–Corasick over every term of every custom term list at once: one pass over the text whatever
 * the number of terms. Matching ignores case (simple per-character lower-casing) and counts only
 * whole words: the characters around a match must not be letters or digits, so "Nightjar" does not
 * fire inside "Nightjars". Where matches overlap, the longest wins (Findings).
 */
final class TermMatcher {
  // Trie as parallel arrays: per node, its outgoing characters (sorted) and target nodes.
  private char[][] keys = new char[64][];
  private int[][] next = new int[64][];
  private int[] fail;
  /** Per node: (length, type) pairs of every term ending here, including via suffix links. */
  private int[][] out = new int[64][];
  private int nodes = 1;

  private TermMatcher() {
    keys[0] = new char[0];
    next[0] = new int[0];
  }

  /** {@code terms.get(k)} belongs to type {@code types[k]}. Blank terms are ignored. */
  static TermMatcher build(List<String> terms, int[] types) {
    TermMatcher m = new TermMatcher();
    for (int k = 0; k < terms.size(); k++) {
      String t = terms.get(k).trim().toLowerCase(Locale.ROOT);
      if (!t.isEmpty()) m.insert(t, types[k]);
    }
    m.link();
    return m;
  }

  private int child(int node, char c) {
    char[] ks = keys[node];
    int i = Arrays.binarySearch(ks, c);
    return i >= 0 ? next[node][i] : -1;
  }

  private void insert(String term, int type) {
    int node = 0;
    for (int i = 0; i < term.length(); i++) {
      char c = term.charAt(i);
      int n = child(node, c);
      if (n < 0) {
        n = nodes++;
        if (n == keys.length) {
          keys = Arrays.copyOf(keys, n * 2);
          next = Arrays.copyOf(next, n * 2);
          out = Arrays.copyOf(out, n * 2);
        }
        keys[n] = new char[0];
        next[n] = new int[0];
        char[] ks = keys[node];
        int pos = -Arrays.binarySearch(ks, c) - 1;
        char[] nk = new char[ks.length + 1];
        int[] nn = new int[ks.length + 1];
        System.arraycopy(ks, 0, nk, 0, pos);
        System.arraycopy(next[node], 0, nn, 0, pos);
        nk[pos] = c;
        nn[pos] = n;
        System.arraycopy(ks, pos, nk, pos + 1, ks.length - pos);
        System.arraycopy(next[node], pos, nn, pos + 1, ks.length - pos);
        keys[node] = nk;
        next[node] = nn;
      }
      node = n;
    }
    int[] o = out[node] == null ? new int[0] : out[node];
    for (int i = 0; i < o.length; i += 2) if (o[i] == term.length()) return; // same term twice: the first type wins
    o = Arrays.copyOf(o, o.length + 2);
    o[o.length - 2] = term.length();
    o[o.length - 1] = type;
    out[node] = o;
  }

  /** Breadth-first failure links; each node's outputs absorb its failure node's. */
  private void link() {
    fail = new int[nodes];
    List<Integer> queue = new ArrayList<>();
    for (int n : next[0]) queue.add(n);
    for (int q = 0; q < queue.size(); q++) {
      int node = queue.get(q);
      if (out[node] == null) out[node] = new int[0];
      int f = fail[node];
      if (out[f] != null && out[f].length > 0 && f != node) {
        int[] merged = Arrays.copyOf(out[node], out[node].length + out[f].length);
        System.arraycopy(out[f], 0, merged, out[node].length, out[f].length);
        out[node] = merged;
      }
      for (int i = 0; i < keys[node].length; i++) {
        char c = keys[node][i];
        int child = next[node][i];
        int g = fail[node];
        int target;
        while (true) {
          target = child(g, c);
          if (target >= 0 && target != child) break;
          if (g == 0) {
            target = 0;
            break;
          }
          g = fail[g];
        }
        fail[child] = target;
        queue.add(child);
      }
    }
    if (out[0] == null) out[0] = new int[0];
  }

  void scan(String s, int from, int to, Findings found) {
    int node = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') c += 32;
      else if (c >= 128) c = Character.toLowerCase(c);
      int n;
      while ((n = child(node, c)) < 0 && node != 0) node = fail[node];
      node = Math.max(n, 0);
      int[] o = out[node];
      for (int k = 0; k < o.length; k += 2) {
        int start = i + 1 - o[k];
        if ((start == from || !Chars.wordChar(s.charAt(start - 1)))
            && (i + 1 == to || !Chars.wordChar(s.charAt(i + 1)))) {
          found.merge(start, i + 1, o[k + 1]);
        }
      }
    }
  }
}
