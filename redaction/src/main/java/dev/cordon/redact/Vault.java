package dev.cordon.redact;

import java.util.HashMap;
import java.util.Map;

/**
 * PSEUDONYMIZE's per-call memory: each distinct value of a type gets the next token
 * ({@code <EMAIL_1>}, {@code <EMAIL_2>}...), the same value the same token within the call, and the
 * model's output has the tokens turned back into the originals. Lives as long as one call; never
 * written anywhere. Thread-safe (a response may be read on another thread than the request).
 */
public final class Vault {
  private final Map<String, String> tokenByValue = new HashMap<>();
  private final Map<String, String> valueByToken = new HashMap<>();
  private final Map<String, Integer> lastByType = new HashMap<>();

  /** Longest token this vault can hand out is bounded by the type name (an id) plus digits. */
  static final int MAX_TOKEN = 72;

  synchronized String tokenFor(String type, String value) {
    String key = type + '\u0000' + value;
    String t = tokenByValue.get(key);
    if (t != null) return t;
    int n = lastByType.merge(type, 1, Integer::sum);
    t = "<" + type + "_" + n + ">";
    tokenByValue.put(key, t);
    valueByToken.put(t, value);
    return t;
  }

  /** The original behind a token, or null. */
  public synchronized String original(String token) {
    return valueByToken.get(token);
  }

  public synchronized boolean isEmpty() {
    return valueByToken.isEmpty();
  }

  /** Whether this exact value was pseudonymized in this call (the application's own data). */
  synchronized boolean holds(String type, String value) {
    return tokenByValue.containsKey(type + '\u0000' + value);
  }

  /** Replaces every known token in {@code text}; other text is left alone. */
  public String restore(String text) {
    if (text.indexOf('<') < 0 || isEmpty()) return text;
    StringBuilder sb = null;
    int copied = 0;
    int i = text.indexOf('<');
    while (i >= 0) {
      int close = text.indexOf('>', i + 1);
      if (close < 0 || close - i > MAX_TOKEN) {
        i = text.indexOf('<', i + 1);
        continue;
      }
      String v = original(text.substring(i, close + 1));
      if (v != null) {
        if (sb == null) sb = new StringBuilder(text.length() + 32);
        sb.append(text, copied, i).append(v);
        copied = close + 1;
        i = text.indexOf('<', close + 1);
      } else {
        i = text.indexOf('<', i + 1);
      }
    }
    if (sb == null) return text;
    return sb.append(text, copied, text.length()).toString();
  }
}
