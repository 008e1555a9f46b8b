package dev.cordon.agent.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fixed order of the well-known members of an audit line (spec section 9). Readers of the log
 * (people with {@code jq}, SIEM parsers, {@code grep}) get every line in the same shape, so the
 * order is part of the format, not an implementation detail.
 */
final class FieldOrder {
  private FieldOrder() {}

  /** Members the caller may set, in the order they are written; other keys follow them. */
  static final List<String> CALLER_FIELDS =
      List.of(
          "principal", "caller", "action", "resource", "provider", "model", "endpoint", "dataset",
          "path", "sql", "decision", "outcome", "rule", "mode", "redactions", "prompt_sha256",
          "usage");

  /**
   * Members only the log writes: where and when (stamped at creation or by the writer) and the
   * hash chain. A caller setting one of them could forge the sequence or the chain, so they are
   * refused.
   */
  static final Set<String> RESERVED = Set.of("ts", "seq", "service", "pid", "thread", "prev", "hash");

  static final int ACTION = CALLER_FIELDS.indexOf("action");
  static final int DECISION = CALLER_FIELDS.indexOf("decision");
  static final int RULE = CALLER_FIELDS.indexOf("rule");

  private static final Map<String, Integer> INDEX = new HashMap<>();

  static {
    for (int i = 0; i < CALLER_FIELDS.size(); i++) INDEX.put(CALLER_FIELDS.get(i), i);
  }

  /** Slot of a well-known member, or -1 for any other key. */
  static int slot(String key) {
    Integer i = INDEX.get(key);
    return i == null ? -1 : i;
  }
}
