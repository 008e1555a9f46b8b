package dev.cordon.agent.redact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A server-sent-event response, redacted event by event as it arrives, so streaming stays
 * streaming. Each text delta (OpenAI chat {@code choices[i].delta.content} and tool-call
 * arguments, Responses {@code *.delta}, Anthropic {@code content_block_delta}) feeds its own
 * {@link CallRedaction.Channel}: the event goes out at once carrying whatever text is already safe,
 * and a bounded tail is held so an entity split across events is still caught. Before the first
 * event that carries no delta (a finish chunk, {@code [DONE]}, a "done" event) or at the end of the
 * stream, what is held is released in an extra event shaped like the channel's last delta event.
 * Events without model text pass byte for byte. Bytes are pushed in as the client receives them;
 * each push returns the complete events now safe to hand on (nothing of an unfinished event).
 */
final class SseRedactor implements OutputFilter {
  private static final int MAX_EVENT = 16 << 20;

  private final CallRedaction redaction;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final List<byte[]> eventLines = new ArrayList<>();
  private int eventSize;
  private final Map<String, Open> open = new LinkedHashMap<>();

  /** A channel with text held back, and the last event that carried it (to shape the release). */
  private static final class Open {
    final CallRedaction.Channel channel;
    Template template;

    Open(CallRedaction.Channel channel) {
      this.channel = channel;
    }
  }

  /**
   * An Anthropic tool_use block's streamed input ({@code input_json_delta.partial_json}): pieces of
   * JSON source, so it is held whole until its block ends (bounded), parsed, its string values
   * redacted, and released as one delta; redacting the source text piece by piece could cut through
   * an escape sequence and hand the application invalid JSON.
   */
  private static final class HeldInput {
    final StringBuilder json = new StringBuilder();
    Template template;
    boolean overflow;
  }

  static final int MAX_TOOL_INPUT = 1 << 20;
  private final Map<String, HeldInput> heldInputs = new LinkedHashMap<>();
  private boolean sawDelta;

  private record Slot(String channel, Map<String, Object> holder, String key) {}

  private record Template(List<byte[]> otherLines, Object tree, List<Slot> slots) {}

  SseRedactor(CallRedaction redaction) {
    this.redaction = redaction;
  }

  @Override
  public byte[] pass(byte[] b, int off, int len) throws IOException {
    ByteArrayOutputStream produced = new ByteArrayOutputStream();
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      line.write(c);
      if (c == '\n') endLine(produced);
    }
    if (line.size() > MAX_EVENT) throw new IOException("Cordon: a server-sent event exceeds " + MAX_EVENT + " bytes");
    return produced.toByteArray();
  }

  @Override
  public byte[] end() throws IOException {
    ByteArrayOutputStream produced = new ByteArrayOutputStream();
    if (line.size() > 0) endLine(produced);
    if (!eventLines.isEmpty()) endEvent(produced);
    flushAll(produced);
    return produced.toByteArray();
  }

  private void endLine(ByteArrayOutputStream produced) throws IOException {
    byte[] l = line.toByteArray();
    line.reset();
    if (isBlank(l)) {
      eventLines.add(l);
      endEvent(produced);
      return;
    }
    eventSize += l.length;
    if (eventSize > MAX_EVENT) throw new IOException("Cordon: a server-sent event exceeds " + MAX_EVENT + " bytes");
    eventLines.add(l);
  }

  private static boolean isBlank(byte[] l) {
    return l.length == 1 || (l.length == 2 && l[0] == '\r');
  }

  private static boolean isData(byte[] l) {
    return l.length >= 5 && l[0] == 'd' && l[1] == 'a' && l[2] == 't' && l[3] == 'a' && l[4] == ':';
  }

  private void endEvent(ByteArrayOutputStream produced) throws IOException {
    List<byte[]> lines = new ArrayList<>(eventLines);
    eventLines.clear();
    eventSize = 0;
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    List<byte[]> other = new ArrayList<>();
    boolean any = false;
    for (byte[] l : lines) {
      if (isData(l)) {
        int from = l.length > 5 && l[5] == ' ' ? 6 : 5;
        int to = l.length;
        while (to > from && (l[to - 1] == '\n' || l[to - 1] == '\r')) to--;
        if (any) data.write('\n');
        data.write(l, from, to - from);
        any = true;
      } else if (!isBlank(l)) {
        other.add(l);
      }
    }
    byte[] payload = data.toByteArray();
    Object tree = null;
    if (any && payload.length > 0 && payload[0] == '{') {
      try {
        tree = JsonTree.parse(payload, 0, payload.length);
      } catch (IOException notJson) {
        tree = null;
      }
    }
    if (tree == null) {
      flushAll(produced);
      writeRaw(produced, lines);
      return;
    }
    List<Slot> slots = new ArrayList<>();
    findDeltas(tree, slots);
    if (slots.isEmpty()) {
      flushAll(produced);
      // After the deltas, an event with whole texts repeats what was streamed (and counted).
      boolean changed = sawDelta ? redaction.transformRepeat(tree) : redaction.transformTree(tree);
      if (changed && redaction.enforce()) writeEvent(produced, other, tree);
      else writeRaw(produced, lines);
      return;
    }
    sawDelta = true;
    boolean changed = false;
    boolean emptied = true;
    for (Slot s : slots) {
      if (s.key().equals("partial_json")) {
        hold(s, new Template(other, tree, slots));
        s.holder().put(s.key(), "");
        changed = true;
        continue;
      }
      emptied = false;
      Open o = open.computeIfAbsent(s.channel(), k -> new Open(redaction.channel()));
      String in = (String) s.holder().get(s.key());
      String safe = o.channel.push(in);
      if (!safe.equals(in)) {
        s.holder().put(s.key(), safe);
        changed = true;
      }
      o.template = new Template(other, tree, slots);
    }
    if (!redaction.enforce()) writeRaw(produced, lines);
    else if (changed && !emptied) writeEvent(produced, other, tree);
    else if (!changed) writeRaw(produced, lines);
  }

  private void hold(Slot s, Template t) throws IOException {
    HeldInput h = heldInputs.computeIfAbsent(s.channel(), k -> new HeldInput());
    h.template = t;
    if (h.overflow) return;
    h.json.append((String) s.holder().get(s.key()));
    if (h.json.length() <= MAX_TOOL_INPUT) return;
    if (redaction.enforce()) {
      throw new IOException("Cordon: a streamed tool input exceeds " + MAX_TOOL_INPUT + " characters and cannot be redacted");
    }
    h.overflow = true; // monitor: too large to count, and it was passed on untouched anyway
    h.json.setLength(0);
  }

  /** A held tool input, redacted: parsed and its strings transformed; text that is not JSON is redacted as text. */
  private String releaseInput(HeldInput h) throws IOException {
    String json = h.json.toString();
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Object tree;
    try {
      tree = JsonTree.parse(bytes, 0, bytes.length);
    } catch (IOException notJson) {
      return redaction.whole(json);
    }
    Object wrapper = new LinkedHashMap<>(Map.of("type", "tool_use", "input", tree));
    return redaction.transformTree(wrapper) ? new String(JsonTree.write(JsonTree.map(wrapper).get("input")),
        StandardCharsets.UTF_8) : json;
  }

  /** Releases every held tail, each in an event shaped like its channel's last delta event. */
  private void flushAll(ByteArrayOutputStream produced) throws IOException {
    for (Map.Entry<String, Open> e : open.entrySet()) {
      Open o = e.getValue();
      String rest = o.channel.finish();
      if (rest.isEmpty() || o.template == null || !redaction.enforce()) continue;
      Template t = o.template;
      for (Slot s : t.slots()) s.holder().put(s.key(), s.channel().equals(e.getKey()) ? rest : "");
      writeEvent(produced, t.otherLines(), t.tree());
    }
    open.clear();
    for (Map.Entry<String, HeldInput> e : heldInputs.entrySet()) {
      HeldInput h = e.getValue();
      if (h.overflow) continue;
      String input = releaseInput(h);
      if (!redaction.enforce() || h.template == null) continue;
      Template t = h.template;
      for (Slot s : t.slots()) s.holder().put(s.key(), s.channel().equals(e.getKey()) ? input : "");
      writeEvent(produced, t.otherLines(), t.tree());
    }
    heldInputs.clear();
  }

  private static void writeRaw(ByteArrayOutputStream produced, List<byte[]> lines) {
    for (byte[] l : lines) produced.write(l, 0, l.length);
  }

  private static void writeEvent(ByteArrayOutputStream produced, List<byte[]> other, Object tree) throws IOException {
    for (byte[] l : other) produced.write(l, 0, l.length);
    produced.write("data: ".getBytes(StandardCharsets.US_ASCII));
    produced.write(JsonTree.write(tree));
    produced.write('\n');
    produced.write('\n');
  }

  /** The streamed-text members of one event, each with the channel it continues. */
  private static void findDeltas(Object tree, List<Slot> slots) {
    Map<String, Object> root = JsonTree.map(tree);
    if (root == null) return;
    List<Object> choices = JsonTree.list(root.get("choices"));
    if (choices != null) {
      for (int i = 0; i < choices.size(); i++) {
        Map<String, Object> choice = JsonTree.map(choices.get(i));
        if (choice == null) continue;
        String idx = "c" + JsonTree.key(choice, "index") + ":";
        Map<String, Object> delta = JsonTree.map(choice.get("delta"));
        if (delta == null) continue;
        for (String k : new String[] {"content", "refusal"}) {
          if (delta.get(k) instanceof String) slots.add(new Slot(idx + k, delta, k));
        }
        List<Object> calls = JsonTree.list(delta.get("tool_calls"));
        if (calls != null) {
          for (Object c : calls) {
            Map<String, Object> call = JsonTree.map(c);
            Map<String, Object> fn = call == null ? null : JsonTree.map(call.get("function"));
            if (fn != null && fn.get("arguments") instanceof String) {
              slots.add(new Slot(idx + "t" + JsonTree.key(call, "index"), fn, "arguments"));
            }
          }
        }
      }
      return;
    }
    String type = JsonTree.key(root, "type");
    if (type.endsWith(".delta") && root.get("delta") instanceof String) { // OpenAI Responses
      slots.add(new Slot(type + ":" + JsonTree.key(root, "item_id") + ":" + JsonTree.key(root, "output_index") + ":"
          + JsonTree.key(root, "content_index"), root, "delta"));
    } else if (type.equals("content_block_delta")) { // Anthropic
      Map<String, Object> delta = JsonTree.map(root.get("delta"));
      if (delta != null) {
        for (String k : new String[] {"text", "partial_json"}) {
          if (delta.get(k) instanceof String) slots.add(new Slot("b" + JsonTree.key(root, "index") + ":" + k, delta, k));
        }
      }
    }
  }
}
