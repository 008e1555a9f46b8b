package dev.cordon.agent.redact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * Events without model text pass byte for byte.
 */
final class SseRedactingStream extends InputStream {
  private static final int MAX_EVENT = 16 << 20;

  private final InputStream raw;
  private final CallRedaction redaction;
  private final byte[] chunk = new byte[8192];
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final List<byte[]> eventLines = new ArrayList<>();
  private int eventSize;
  private final Map<String, Open> open = new LinkedHashMap<>();
  private byte[] out = new byte[0];
  private int outPos;
  private boolean eof;

  /** A channel with text held back, and the last event that carried it (to shape the release). */
  private static final class Open {
    final CallRedaction.Channel channel;
    Template template;

    Open(CallRedaction.Channel channel) {
      this.channel = channel;
    }
  }

  private record Slot(String channel, Map<String, Object> holder, String key) {}

  private record Template(List<byte[]> otherLines, Object tree, List<Slot> slots) {}

  SseRedactingStream(InputStream raw, CallRedaction redaction) {
    this.raw = raw;
    this.redaction = redaction;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    while (outPos >= out.length) {
      if (eof) return -1;
      fill();
    }
    int n = Math.min(len, out.length - outPos);
    System.arraycopy(out, outPos, b, off, n);
    outPos += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    raw.close();
  }

  /** Reads until at least one event (or the end) has been processed. */
  private void fill() throws IOException {
    ByteArrayOutputStream produced = new ByteArrayOutputStream();
    while (produced.size() == 0 && !eof) {
      int n = raw.read(chunk);
      if (n < 0) {
        eof = true;
        if (line.size() > 0) endLine(produced);
        if (!eventLines.isEmpty()) endEvent(produced);
        flushAll(produced);
        break;
      }
      for (int i = 0; i < n; i++) {
        byte c = chunk[i];
        line.write(c);
        if (c == '\n') endLine(produced);
      }
    }
    out = produced.toByteArray();
    outPos = 0;
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
      if (redaction.transformTree(tree) && redaction.enforce()) writeEvent(produced, other, tree);
      else writeRaw(produced, lines);
      return;
    }
    boolean changed = false;
    for (Slot s : slots) {
      Open o = open.computeIfAbsent(s.channel(), k -> new Open(redaction.channel()));
      String in = (String) s.holder().get(s.key());
      String safe = o.channel.push(in);
      if (!safe.equals(in)) {
        s.holder().put(s.key(), safe);
        changed = true;
      }
      o.template = new Template(other, tree, slots);
    }
    if (changed && redaction.enforce()) writeEvent(produced, other, tree);
    else writeRaw(produced, lines);
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
