package dev.cordon.redact;

/**
 * Redacts text that arrives in pieces, such as a streamed answer, without waiting for the end:
 * each {@link #push} returns the text that is now safe to release, already redacted. Safe means no
 * entity can still straddle it: a bounded tail ({@value #TAIL} characters, widened back to the
 * start of the last word, at most {@value #MAX_WORD}) is held until more text or the end
 * arrives, and an unterminated private-key block is held until its END line (up to
 * {@link SecretRules#MAX_PEM}). The concatenated output equals {@link Redactor#redact} of the
 * whole text for every entity shorter than the tail, however the text was cut. Not thread-safe:
 * one per stream.
 */
public final class StreamRedactor {
  static final int TAIL = 64;
  static final int MAX_WORD = 4096;
  /** Released text kept as context for the next scan (SSN and phone context words, boundaries). */
  private static final int CONTEXT = 48;

  private final Redactor redactor;
  private final TypeSet types;
  private final Counts counts;
  private final Vault vault;
  private final Findings findings = new Findings();
  private final StringBuilder pending = new StringBuilder();
  private String context = "";
  private boolean finished;

  StreamRedactor(Redactor redactor, TypeSet types, Counts counts, Vault vault) {
    this.redactor = redactor;
    this.types = types;
    this.counts = counts;
    this.vault = vault;
  }

  /** Adds a piece; returns the redacted text now safe to release (possibly empty). */
  public String push(String piece) {
    if (finished) throw new IllegalStateException("stream already finished");
    if (types.isEmpty()) return piece;
    pending.append(piece);
    if (pending.length() <= TAIL) return "";
    return drain(false);
  }

  /** The end of the text: returns everything still held, redacted. */
  public String finish() {
    if (finished) return "";
    finished = true;
    if (types.isEmpty() || pending.length() == 0) return "";
    return drain(true);
  }

  /** Characters held back right now (for tests and for bounding memory). */
  public int held() {
    return pending.length();
  }

  private String drain(boolean last) {
    String buf = context + pending;
    int base = context.length();
    int hold = redactor.detect(buf, 0, buf.length(), types, last, findings);
    int cut;
    if (last) {
      cut = buf.length();
    } else {
      cut = buf.length() - TAIL;
      if (hold >= 0 && buf.length() - hold <= SecretRules.MAX_PEM) cut = Math.min(cut, hold);
      // Never cut inside a word: entities without spaces may be longer than the tail (JWTs, keys).
      int c0 = cut;
      while (cut > base && c0 - cut < MAX_WORD && !Chars.space(buf.charAt(cut - 1))) cut--;
      if (c0 - cut >= MAX_WORD) cut = c0;
      for (int i = 0; i < findings.size; i++) {
        if (findings.start[i] < cut && findings.end[i] > cut) {
          cut = findings.start[i];
          break;
        }
      }
      if (cut > base && Character.isHighSurrogate(buf.charAt(cut - 1))) cut--;
      if (cut <= base) return "";
    }
    StringBuilder out = new StringBuilder(cut - base + 16);
    // Findings that start in the context were dealt with when it was released.
    int copied = base;
    for (int i = 0; i < findings.size; i++) {
      int st = findings.start[i];
      int en = findings.end[i];
      if (st < base || en > cut) continue;
      out.append(buf, copied, st);
      int type = findings.type[i];
      if (counts != null) counts.add(type);
      if (type != Types.INVISIBLE) out.append(redactor.replacement(type, buf.substring(st, en), vault));
      copied = en;
    }
    out.append(buf, copied, cut);
    context = buf.substring(Math.max(0, cut - CONTEXT), cut);
    pending.setLength(0);
    pending.append(buf, cut, buf.length());
    return out.toString();
  }
}
