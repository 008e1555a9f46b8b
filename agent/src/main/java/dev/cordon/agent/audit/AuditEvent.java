package dev.cordon.agent.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One audit line before it is written. Building one is meant to be cheap on the application's
 * thread: values are only stored here; JSON encoding, the timestamp text, {@code seq} and the hash
 * chain are done later by the log's writer thread.
 *
 * <p>The time and the thread name are captured when the event is created, because by the time the
 * writer thread sees it both would be wrong. Once appended to a log the event is frozen: changing
 * it afterwards would race with the writer.
 */
public final class AuditEvent {
  /** Marker stored for {@link #putNull}. */
  static final Object NULL = new Object();

  /** A value the caller has already encoded as JSON; validated by the writer, off the hot path. */
  record Raw(String json) {}

  final long epochMillis;
  final String thread;
  /** Values of the well-known members, indexed by {@link FieldOrder#slot}. */
  final Object[] known = new Object[FieldOrder.CALLER_FIELDS.size()];
  /** Other members in insertion order; rarely more than a handful, so lists beat a map. */
  List<String> extraKeys = Collections.emptyList();
  List<Object> extraValues = Collections.emptyList();
  private boolean frozen;

  private AuditEvent(String action, long epochMillis, String thread) {
    this.epochMillis = epochMillis;
    this.thread = thread;
    known[FieldOrder.ACTION] = Objects.requireNonNull(action, "action");
  }

  /** Starts an event for {@code action} (e.g. {@code model.chat}, {@code policy.load}). */
  public static AuditEvent of(String action) {
    return new AuditEvent(action, System.currentTimeMillis(), Thread.currentThread().getName());
  }

  /** Sets a string member; a null value is written as JSON null. */
  public AuditEvent put(String key, String value) {
    return set(key, value == null ? NULL : value);
  }

  public AuditEvent put(String key, long value) {
    return set(key, value);
  }

  public AuditEvent put(String key, boolean value) {
    return set(key, value);
  }

  public AuditEvent putNull(String key) {
    return set(key, NULL);
  }

  /**
   * Sets an object of counts such as {@code redactions} ({@code {"EMAIL":2}}) or {@code usage}.
   * The map is copied (in its iteration order), so the caller may reuse it.
   */
  public AuditEvent putObject(String key, Map<String, Long> counts) {
    if (counts == null) return set(key, NULL);
    return set(key, Collections.unmodifiableMap(new LinkedHashMap<>(counts)));
  }

  /**
   * Sets a member to JSON the caller has already encoded (an object, array, number...). If it turns
   * out not to be one valid JSON value the writer stores it as a string instead, so the line stays
   * valid JSON.
   */
  public AuditEvent putRaw(String key, String alreadyEncodedJson) {
    return set(key, new Raw(Objects.requireNonNull(alreadyEncodedJson, "alreadyEncodedJson")));
  }

  /** The action this event was created with. */
  public String action() {
    return (String) known[FieldOrder.ACTION];
  }

  /** The value set for {@code key} (String, Long, Boolean, Map, null for JSON null), if any. */
  public Object get(String key) {
    int slot = FieldOrder.slot(key);
    Object v;
    if (slot >= 0) {
      v = known[slot];
    } else {
      int i = extraKeys.indexOf(key);
      v = i < 0 ? null : extraValues.get(i);
    }
    if (v == NULL) return null;
    return v instanceof Raw r ? r.json() : v;
  }

  /** Called by the log when the event is handed over; later changes are programming errors. */
  void freeze() {
    frozen = true;
  }

  private AuditEvent set(String key, Object value) {
    if (frozen) throw new IllegalStateException("audit event already appended: " + action());
    if (key == null || key.isEmpty()) throw new IllegalArgumentException("empty audit key");
    if (FieldOrder.RESERVED.contains(key)) {
      throw new IllegalArgumentException("audit key '" + key + "' is written by the log itself");
    }
    int slot = FieldOrder.slot(key);
    if (slot == FieldOrder.ACTION) {
      throw new IllegalArgumentException("the action is given to AuditEvent.of");
    }
    if (slot >= 0) {
      known[slot] = value;
      return this;
    }
    if (extraKeys.isEmpty()) {
      extraKeys = new ArrayList<>(4);
      extraValues = new ArrayList<>(4);
    }
    int i = extraKeys.indexOf(key);
    if (i >= 0) {
      extraValues.set(i, value); // a repeated key keeps its first position; JSON keys stay unique
    } else {
      extraKeys.add(key);
      extraValues.add(value);
    }
    return this;
  }
}
