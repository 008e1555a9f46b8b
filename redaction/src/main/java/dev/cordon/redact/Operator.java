package dev.cordon.redact;

/** What replaces a found entity (spec 2). INVISIBLE characters are always removed, whatever the operator. */
public enum Operator {
  /** {@code <EMAIL>}. */
  TAG,
  /** Shape kept, letters and digits starred except the last four ({@code j***@***.com} for emails). */
  MASK,
  /** {@code <EMAIL:3f9a1c2b>}: keyed HMAC-SHA-256, stable across calls and restarts for the same key. */
  HASH,
  /** {@code <EMAIL_1>} in the prompt, the original restored in the same call's output. */
  PSEUDONYMIZE
}
