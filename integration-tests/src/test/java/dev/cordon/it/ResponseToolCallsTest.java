package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 3: a response in which the model asks to call a tool outside {@code limits.tools} is blocked
 * before the application can execute it (enforce), and audited; allowed tool calls pass.
 */
class ResponseToolCallsTest {
  // The fake model calls the first declared tool when asked to "use the tool", and any tool named
  // after "call tool", declared or not.
  static final String ALLOWED = "chat:gpt-4o-mini:tools=lookup_order:text=use the tool please";
  static final String ROGUE = "chat:gpt-4o-mini:tools=lookup_order:text=now call tool delete_user";
  static final String ROGUE_ASYNC = "async:gpt-4o-mini:tools=lookup_order:text=now call tool delete_user";

  Scenario s;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
    s.policy(JdkHttpClientTest.policy("enforce", ""));
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  private void check(ChildJvm.Result r, int calls) throws Exception {
    assertTrue(r.step(1).startsWith("OK gpt-4o-mini tool_call lookup_order") || r.step(1).startsWith("OK gpt-4o-mini"),
        r.toString());
    for (int i = 2; i <= calls; i++) {
      assertTrue(r.step(i).startsWith("DENIED") && r.step(i).contains("delete_user")
          && r.step(i).contains("not in limits.tools"), "step " + i + ": " + r);
    }
    assertEquals(calls, s.fake.requests().size(), "the requests themselves were allowed");
    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(calls, chats.size(), audit.toString());
    assertEquals("allowed", chats.get(0).path("outcome").asText(), chats.get(0).toString());
    for (int i = 1; i < calls; i++) {
      JsonNode e = chats.get(i);
      assertEquals("deny", e.path("decision").asText(), e.toString());
      assertEquals("blocked", e.path("outcome").asText(), e.toString());
      assertEquals("delete_user", e.path("tool").asText(), e.toString());
      assertEquals("support-chat", e.path("rule").asText(), e.toString());
      assertTrue(e.path("usage").path("output_tokens").asLong() > 0, e.toString());
    }
  }

  @Test
  void jdkHttpClient() throws Exception {
    ChildJvm.Result r = s.jvm().run("com.acme.support.raw.RawJdkMain", ALLOWED, ROGUE, ROGUE_ASYNC);
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), "send throws the deny itself: " + r);
    check(r, 3);
  }

  @Test
  void okHttp() throws Exception {
    ChildJvm.Result r = s.jvm().run("com.acme.support.raw.RawOkHttpMain", ALLOWED, ROGUE, ROGUE_ASYNC);
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), r.toString());
    assertTrue(r.step(3).contains("[cause dev.cordon.CordonAccessDeniedException]"), "enqueue: onFailure gets the deny as cause: " + r);
    assertTrue(!r.stderr().contains("Exception in thread"), "no dispatcher thread dies: " + r.stderr());
    check(r, 3);
  }

  @Test
  void httpUrlConnection() throws Exception {
    ChildJvm.Result r = s.jvm().run("com.acme.support.raw.RawUrlConnectionMain", ALLOWED, ROGUE);
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), r.toString());
    check(r, 2);
  }

  @Test
  void openAiSdk() throws Exception {
    ChildJvm.Result r = s.support(ALLOWED, ROGUE, ROGUE_ASYNC);
    check(r, 3);
  }

  static final String STREAM_ALLOWED = "stream:gpt-4o-mini:tools=lookup_order:text=use the tool please";
  static final String STREAM_ROGUE = "stream:gpt-4o-mini:tools=lookup_order:text=now call tool delete_user";

  /** A streamed response is cut at the event that names the tool: the application never sees the name. */
  private void checkStreamed(ChildJvm.Result r) throws Exception {
    assertTrue(r.step(1).startsWith("OK streamed"), r.toString());
    assertTrue(r.step(2).startsWith("DENIED") && r.step(2).contains("delete_user") && r.step(2).contains("not in limits.tools"),
        r.toString());
    List<JsonNode> chats = s.audit().withAction("model.chat");
    assertEquals(2, chats.size(), s.audit().toString());
    assertEquals("allowed", chats.get(0).path("outcome").asText(), chats.get(0).toString());
    assertEquals("blocked", chats.get(1).path("outcome").asText(), chats.get(1).toString());
    assertEquals("delete_user", chats.get(1).path("tool").asText());
  }

  @Test
  void streamedJdk() throws Exception {
    checkStreamed(s.jvm().run("com.acme.support.raw.RawJdkMain", STREAM_ALLOWED, STREAM_ROGUE));
  }

  @Test
  void streamedOkHttp() throws Exception {
    checkStreamed(s.jvm().run("com.acme.support.raw.RawOkHttpMain", STREAM_ALLOWED, STREAM_ROGUE));
  }

  @Test
  void streamedUrlConnection() throws Exception {
    checkStreamed(s.jvm().run("com.acme.support.raw.RawUrlConnectionMain", STREAM_ALLOWED, STREAM_ROGUE));
  }

  @Test
  void streamedSdk() throws Exception {
    checkStreamed(s.support(STREAM_ALLOWED, STREAM_ROGUE));
  }

  @Test
  void monitorLetsTheResponseThroughAndSaysWhatEnforceWouldDo() throws Exception {
    s.policy(JdkHttpClientTest.policy("monitor", ""));
    ChildJvm.Result r = s.jvm().run("com.acme.support.raw.RawJdkMain", ROGUE);
    assertTrue(r.step(1).startsWith("OK gpt-4o-mini tool_call delete_user"), r.toString());
    JsonNode e = s.audit().withAction("model.chat").get(0);
    assertEquals("would_block", e.path("outcome").asText(), e.toString());
    assertEquals("delete_user", e.path("tool").asText(), e.toString());
  }
}
