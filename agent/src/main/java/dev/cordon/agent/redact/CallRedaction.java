package dev.cordon.agent.redact;

import dev.cordon.redact.Counts;
import dev.cordon.redact.Redactor;
import dev.cordon.redact.StreamRedactor;
import dev.cordon.redact.StreamRestorer;
import dev.cordon.redact.TypeSet;
import dev.cordon.redact.Vault;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The response side of one call: the rule's output redactions, and the pseudonyms to restore
 * (PSEUDONYMIZE). In enforce mode the application receives the transformed text; in monitor mode
 * it receives the original bytes and the entities are only counted.
 */
public final class CallRedaction {
  /** Members of a response whose string values are the model's text (content, tool arguments...). */
  static final Set<String> OUTPUT_TEXT = Set.of("content", "text", "arguments", "refusal", "output_text");

  private final Redactor redactor;
  private final TypeSet output;
  private final Vault vault;
  private final boolean enforce;
  private final Counts counts;
  /** Where whole-text findings are counted: {@link #counts}, or a scratch while redacting a repeat. */
  private Counts target;

  /** @param output the rule's output types (may be empty); @param vault the prompt's pseudonyms, or null */
  public CallRedaction(Redactor redactor, TypeSet output, Vault vault, boolean enforce) {
    this.redactor = redactor;
    this.output = output;
    this.vault = vault;
    this.enforce = enforce;
    this.counts = redactor.newCounts();
    this.target = counts;
  }

  /** Whether the response needs looking at at all. */
  public boolean active() {
    return !output.isEmpty() || (enforce && vault != null && !vault.isEmpty());
  }

  public boolean enforce() {
    return enforce;
  }

  /** What the output redaction found (or would have, in monitor mode). */
  public Counts counts() {
    return counts;
  }

  /** The response body as the application should read it. */
  public InputStream wrap(InputStream raw, boolean sse) {
    return new FilteredStream(raw, filter(sse));
  }

  /** The body transformation for clients that push the response's bytes as they arrive. */
  public OutputFilter filter(boolean sse) {
    return sse ? new SseRedactor(this) : new JsonRedactor(this);
  }

  /** A whole piece of model text (non-streamed), transformed; in monitor mode counted and returned as is. */
  String whole(String s) {
    String r = output.isEmpty() ? s : redactor.redact(s, output, target, null);
    if (!enforce) return s;
    return vault == null ? r : vault.restore(r);
  }

  Channel channel() {
    return new Channel();
  }

  /** One streamed text (a choice's content, a tool call's arguments, a content block). */
  final class Channel {
    private final StreamRedactor red = output.isEmpty() ? null : redactor.stream(output, counts, null);
    private final StreamRestorer restore = enforce && vault != null ? new StreamRestorer(vault) : null;

    String push(String piece) {
      String r = red == null ? piece : red.push(piece);
      if (!enforce) return piece;
      return restore == null ? r : restore.push(r);
    }

    String finish() {
      String r = red == null ? "" : red.finish();
      if (!enforce) return "";
      return restore == null ? r : restore.push(r) + restore.finish();
    }
  }

  /**
   * Like {@link #transformTree} for an event that repeats text already streamed and counted (a
   * Responses {@code *.done} or {@code response.completed} event): transformed the same way, not
   * counted again.
   */
  boolean transformRepeat(Object node) {
    Counts saved = target;
    target = redactor.newCounts();
    try {
      return transformTree(node);
    } finally {
      target = saved;
    }
  }

  /** Transforms every model-text string in a parsed response; true when something changed. */
  boolean transformTree(Object node) {
    boolean changed = false;
    Map<String, Object> m = JsonTree.map(node);
    if (m != null) {
      for (Map.Entry<String, Object> e : m.entrySet()) {
        Object v = e.getValue();
        if (v instanceof String s) {
          if (e.getKey().equals("arguments") && looksLikeJson(s)) {
            // OpenAI tool calls: the arguments are JSON text in a string. Redacted as plain text, an
            // entity right after an escape (a\nann@x.org) would leave the tool invalid JSON: its
            // string values are redacted one by one and the JSON written again.
            String r = argumentsRedacted(s);
            if (!r.equals(s)) {
              e.setValue(r);
              changed = true;
            }
          } else if (OUTPUT_TEXT.contains(e.getKey())) {
            String r = whole(s);
            if (!r.equals(s)) {
              e.setValue(r);
              changed = true;
            }
          }
        } else if (e.getKey().equals("input") && "tool_use".equals(m.get("type"))) {
          // Anthropic tool_use: the model's arguments come as a JSON object; every string in it is model text.
          changed |= transformStrings(v);
        } else if (v instanceof List<?> l && OUTPUT_TEXT.contains(e.getKey())) {
          List<Object> list = JsonTree.list(l);
          for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String s) {
              String r = whole(s);
              if (!r.equals(s)) {
                list.set(i, r);
                changed = true;
              }
            } else {
              changed |= transformTree(list.get(i));
            }
          }
        } else {
          changed |= transformTree(v);
        }
      }
      return changed;
    }
    List<Object> l = JsonTree.list(node);
    if (l != null) for (Object o : l) changed |= transformTree(o);
    return changed;
  }

  private static boolean looksLikeJson(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
      return c == '{' || c == '[';
    }
    return false;
  }

  /** Tool-call arguments with every string value redacted; as plain text when they are not valid JSON. */
  private String argumentsRedacted(String arguments) {
    Object tree;
    try {
      byte[] b = arguments.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      tree = JsonTree.parse(b, 0, b.length);
    } catch (IOException notJson) {
      return whole(arguments);
    }
    if (!transformStrings(tree)) return arguments;
    try {
      return new String(JsonTree.write(tree), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      return whole(arguments);
    }
  }

  /** Transforms every string value (not the member names) at any depth. */
  private boolean transformStrings(Object node) {
    boolean changed = false;
    Map<String, Object> m = JsonTree.map(node);
    if (m != null) {
      for (Map.Entry<String, Object> e : m.entrySet()) {
        if (e.getValue() instanceof String s) {
          String r = whole(s);
          if (!r.equals(s)) {
            e.setValue(r);
            changed = true;
          }
        } else {
          changed |= transformStrings(e.getValue());
        }
      }
      return changed;
    }
    List<Object> l = JsonTree.list(node);
    if (l == null) return false;
    for (int i = 0; i < l.size(); i++) {
      if (l.get(i) instanceof String s) {
        String r = whole(s);
        if (!r.equals(s)) {
          l.set(i, r);
          changed = true;
        }
      } else {
        changed |= transformStrings(l.get(i));
      }
    }
    return changed;
  }

  static List<String> outputMembers() {
    return List.copyOf(OUTPUT_TEXT);
  }
}
