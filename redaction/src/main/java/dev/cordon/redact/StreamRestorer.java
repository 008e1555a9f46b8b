package dev.cordon.redact;

/**
 * PSEUDONYMIZE's way back for a stream: turns {@code <EMAIL_1>} tokens into the originals even when
 * a token arrives split across pieces. Text after an unclosed '<' is held, but never more than the
 * longest possible token, so streaming stays streaming. Not thread-safe: one per stream.
 */
public final class StreamRestorer {
  private final Vault vault;
  private final StringBuilder pending = new StringBuilder();

  public StreamRestorer(Vault vault) {
    this.vault = vault;
  }

  public String push(String piece) {
    pending.append(piece);
    int lt = pending.lastIndexOf("<");
    int cut = pending.length();
    if (lt >= 0 && pending.indexOf(">", lt) < 0 && pending.length() - lt < Vault.MAX_TOKEN) cut = lt;
    String ready = pending.substring(0, cut);
    pending.delete(0, cut);
    return vault.restore(ready);
  }

  public String finish() {
    String rest = pending.toString();
    pending.setLength(0);
    return vault.restore(rest);
  }
}
