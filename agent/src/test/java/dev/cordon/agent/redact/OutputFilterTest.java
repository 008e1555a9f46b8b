package dev.cordon.agent.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cordon.redact.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The push-style filters the raw transports use, and Anthropic tool_use inputs. */
class OutputFilterTest {
  static final Redactor R = Redactor.builder().build();
  static final ObjectMapper JSON = new ObjectMapper();

  static CallRedaction emails(boolean enforce) {
    return new CallRedaction(R, R.types(List.of("EMAIL")), null, enforce);
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String s(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static String delta(String text) {
    return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}\n\n";
  }

  @Test
  void pushedEventsComeOutAsSoonAsTheyAreSafeAndASplitEntityIsStillCaught() throws Exception {
    OutputFilter f = emails(true).filter(true);
    StringBuilder out = new StringBuilder();
    // An event cut mid-line is held until its end: nothing of an unfinished event goes out.
    String first = delta("Hello there, this is a long enough opening sentence to pass the tail. Write to bob.jo");
    assertEquals("", s(f.pass(b(first.substring(0, 20)), 0, 20)));
    byte[] released = f.pass(b(first.substring(20)), 0, first.length() - 20);
    assertTrue(s(released).contains("Hello there"), "released before the stream ends: " + s(released));
    out.append(s(released));
    out.append(s(f.pass(b(delta("nes@example.org today")), 0, b(delta("nes@example.org today")).length)));
    byte[] done = b("data: [DONE]\n\n");
    out.append(s(f.pass(done, 0, done.length))).append(s(f.end()));
    String all = out.toString();
    assertFalse(all.contains("example.org") || all.contains("bob.jo"), all);
    StringBuilder text = new StringBuilder();
    for (String line : all.split("\n")) {
      if (line.startsWith("data: {")) text.append(JSON.readTree(line.substring(6)).at("/choices/0/delta/content").asText());
    }
    assertEquals("Hello there, this is a long enough opening sentence to pass the tail. Write to <EMAIL> today", text.toString());
  }

  @Test
  void anthropicToolUseInputStringsAreRedactedWholeAndStreamed() throws Exception {
    CallRedaction cr = emails(true);
    String msg = "{\"type\":\"message\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"lookup\","
        + "\"input\":{\"q\":\"mail a@b.io\",\"n\":[\"c@d.io\",3],\"inner\":{\"to\":\"e@f.io\"}}}]}";
    OutputFilter f = cr.filter(false);
    f.pass(b(msg), 0, msg.length());
    JsonNode out = JSON.readTree(f.end());
    assertEquals("mail <EMAIL>", out.at("/content/0/input/q").asText());
    assertEquals("<EMAIL>", out.at("/content/0/input/n/0").asText());
    assertEquals(3, out.at("/content/0/input/n/1").asInt());
    assertEquals("<EMAIL>", out.at("/content/0/input/inner/to").asText());
    assertEquals("lookup", out.at("/content/0/name").asText());
    assertEquals(Map.of("EMAIL", 3L), cr.counts().toMap());

    // Streamed: pieces of JSON source, one with an escape right before the address.
    String source = "{\"q\":\"line\\nbob@example.org\"}";
    StringBuilder sse = new StringBuilder("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"lookup\",\"input\":{}}}\n\n");
    for (int i = 0; i < source.length(); i += 5) {
      String piece = source.substring(i, Math.min(source.length(), i + 5));
      sse.append("event: content_block_delta\ndata: ").append(JSON.writeValueAsString(Map.of("type", "content_block_delta",
          "index", 0, "delta", Map.of("type", "input_json_delta", "partial_json", piece)))).append("\n\n");
    }
    sse.append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
    CallRedaction streamed = emails(true);
    OutputFilter g = streamed.filter(true);
    byte[] in = b(sse.toString());
    String outSse = s(g.pass(in, 0, in.length)) + s(g.end());
    StringBuilder input = new StringBuilder();
    for (String line : outSse.split("\n")) {
      if (!line.startsWith("data: ")) continue;
      JsonNode e = JSON.readTree(line.substring(6));
      if (e.path("type").asText().equals("content_block_delta")) input.append(e.at("/delta/partial_json").asText());
    }
    assertEquals("line\n<EMAIL>", JSON.readTree(input.toString()).path("q").asText(), outSse);
    assertTrue(outSse.indexOf("partial_json") < outSse.indexOf("content_block_stop"), outSse);
    assertEquals(Map.of("EMAIL", 1L), streamed.counts().toMap());
  }

  @Test
  void monitorPassesEverythingAndCountsToolInputs() throws Exception {
    CallRedaction cr = emails(false);
    String msg = "{\"content\":[{\"type\":\"tool_use\",\"input\":{\"q\":\"a@b.io\"}}]}";
    OutputFilter f = cr.filter(false);
    f.pass(b(msg), 0, msg.length());
    assertEquals(msg, s(f.end()));
    assertEquals(Map.of("EMAIL", 1L), cr.counts().toMap());
  }

  @Test
  void malformedJsonAndNonJsonPassUnchanged() throws Exception {
    for (String body : new String[] {"{\"content\":\"a@b.io\"", "<html>a@b.io</html>", ""}) {
      OutputFilter f = emails(true).filter(false);
      byte[] in = b(body);
      assertEquals(body, s(f.pass(in, 0, in.length)) + s(f.end()));
    }
  }

  @Test
  void anEndlessLineIsAFaultNotAHang() {
    OutputFilter f = emails(true).filter(true);
    byte[] junk = new byte[1 << 20];
    java.util.Arrays.fill(junk, (byte) 'x');
    assertThrows(IOException.class, () -> {
      for (int i = 0; i < 20; i++) f.pass(junk, 0, junk.length);
    });
  }

  @Test
  void toolCallArgumentsStayValidJsonWhenAnEntityFollowsAnEscape() throws Exception {
    String args = "{\"to\":\"ann@example.com\",\"note\":\"line one\\nbob@example.org\",\"n\":3}";
    String body = JSON.writeValueAsString(Map.of("choices", List.of(Map.of("message", Map.of("tool_calls",
        List.of(Map.of("type", "function", "function", Map.of("name", "send_mail", "arguments", args))))))));
    OutputFilter f = emails(true).filter(false);
    byte[] in = b(body);
    String out = s(f.pass(in, 0, in.length)) + s(f.end());
    String redactedArgs = JSON.readTree(out).at("/choices/0/message/tool_calls/0/function/arguments").asText();
    JsonNode parsed = JSON.readTree(redactedArgs); // must still be JSON
    assertEquals("<EMAIL>", parsed.path("to").asText(), redactedArgs);
    assertEquals("line one\n<EMAIL>", parsed.path("note").asText(), redactedArgs);
    assertEquals(3, parsed.path("n").asInt(), redactedArgs);
  }
}
