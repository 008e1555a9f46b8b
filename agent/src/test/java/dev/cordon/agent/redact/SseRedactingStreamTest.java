package dev.cordon.agent.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.redact.Operator;
import dev.cordon.redact.Redactor;
import dev.cordon.redact.Vault;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SseRedactingStreamTest {
  static final Redactor R = Redactor.builder().build();

  static String chunk(int index, String content) {
    return "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":" + index
        + ",\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n";
  }

  static String stream(String... pieces) {
    StringBuilder sb = new StringBuilder("data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
    for (String p : pieces) sb.append(chunk(0, p));
    sb.append("data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
    sb.append("data: [DONE]\n\n");
    return sb.toString();
  }

  static String read(InputStream in) throws Exception {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  /** The text an SDK would assemble from the deltas. */
  static String assembled(String sse) {
    StringBuilder sb = new StringBuilder();
    Matcher m = Pattern.compile("\"content\":\"([^\"]*)\"").matcher(sse);
    while (m.find()) sb.append(m.group(1));
    return sb.toString();
  }

  @Test
  void anEmailSplitAcrossChunksIsCaughtAndTheRestStreams() throws Exception {
    CallRedaction cr = new CallRedaction(R, R.types(List.of("EMAIL")), null, true);
    String raw = stream("Write to ", "alice.sm", "ith@exam", "ple.com", " today, or call us. ", "Thanks ".repeat(20));
    String out = read(cr.wrap(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), true));
    assertEquals("Write to <EMAIL> today, or call us. " + "Thanks ".repeat(20), assembled(out));
    assertFalse(out.contains("ith@exam"), out);
    assertTrue(out.indexOf("[DONE]") > out.lastIndexOf("content"), "held text is released before the end");
    assertEquals(Map.of("EMAIL", 1L), cr.counts().toMap());
  }

  @Test
  void textIsReleasedBeforeTheStreamEnds() throws Exception {
    CallRedaction cr = new CallRedaction(R, R.types(List.of("EMAIL")), null, true);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) events.add("word" + i + " ");
    String raw = stream(events.toArray(new String[0]));
    String out = read(cr.wrap(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), true));
    String[] frames = out.split("\n\n");
    // The 20th content event already carries text: nothing waits for the end beyond the bounded tail.
    assertFalse(assembled(frames[20]).isEmpty(), frames[20]);
    assertEquals(String.join("", events), assembled(out));
  }

  @Test
  void pseudonymsAreRestoredEvenWhenSplit() throws Exception {
    Redactor p = Redactor.builder().operator(Operator.PSEUDONYMIZE).build();
    Vault v = new Vault();
    p.redact("bob@example.com", p.types(List.of("EMAIL")), null, v);
    CallRedaction cr = new CallRedaction(p, p.types(List.of()), v, true);
    String raw = stream("Hello <EM", "AIL_1>, bye");
    assertEquals("Hello bob@example.com, bye", assembled(read(cr.wrap(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), true))));
  }

  @Test
  void monitorModeChangesNothingButCounts() throws Exception {
    CallRedaction cr = new CallRedaction(R, R.types(List.of("EMAIL")), null, false);
    String raw = stream("Write to ", "alice@example.com", " now");
    assertEquals(raw, read(cr.wrap(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), true)));
    assertEquals(Map.of("EMAIL", 1L), cr.counts().toMap());
  }

  @Test
  void nonStreamedJsonIsRedactedAndAnthropicAndResponsesStreamsToo() throws Exception {
    CallRedaction cr = new CallRedaction(R, R.types(List.of("EMAIL")), null, true);
    String json = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"mail a@b.io\"}}],\"usage\":{\"prompt_tokens\":3}}";
    assertEquals(json.replace("a@b.io", "<EMAIL>"), read(cr.wrap(new ByteArrayInputStream(json.getBytes()), false)));

    String anthropic = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"mail a@b\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\".io ok\"}}\n\n"
        + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n";
    String out = read(new CallRedaction(R, R.types(List.of("EMAIL")), null, true).wrap(new ByteArrayInputStream(anthropic.getBytes()), true));
    StringBuilder text = new StringBuilder();
    Matcher m = Pattern.compile("\"text\":\"([^\"]*)\"").matcher(out);
    while (m.find()) text.append(m.group(1));
    assertEquals("mail <EMAIL> ok", text.toString(), out);
    assertTrue(out.contains("event: content_block_delta\ndata: "), out);

    String responses = "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"item_id\":\"i\",\"output_index\":0,\"content_index\":0,\"delta\":\"a@\"}\n\n"
        + "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"item_id\":\"i\",\"output_index\":0,\"content_index\":0,\"delta\":\"b.io\"}\n\n"
        + "event: response.output_text.done\ndata: {\"type\":\"response.output_text.done\",\"text\":\"a@b.io\"}\n\n";
    String rout = read(new CallRedaction(R, R.types(List.of("EMAIL")), null, true).wrap(new ByteArrayInputStream(responses.getBytes()), true));
    assertFalse(rout.contains("a@b.io") || rout.contains("\"a@\""), rout);
    assertTrue(rout.contains("\"text\":\"<EMAIL>\""), rout);
  }
}
