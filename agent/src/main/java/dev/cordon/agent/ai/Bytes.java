package dev.cordon.agent.ai;

/** Byte-level searches over response and stream bytes, without decoding them to text. */
final class Bytes {
  private Bytes() {}

  /** The key that precedes token usage in every provider's JSON ({@code "usage"}, Gemini's {@code "usageMetadata"}). */
  static final byte[] USAGE_KEY = {'"', 'u', 's', 'a', 'g', 'e'};

  /** Whether {@code needle} occurs in {@code hay[from, to)}. */
  static boolean contains(byte[] hay, int from, int to, byte[] needle) {
    outer:
    for (int i = from; i <= to - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return true;
    }
    return false;
  }
}
