package dev.cordon.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.shared.genai.GenAiSteps;
import com.acme.shared.langchain4j.LangChain4jSteps;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cordon.it.ChildJvm;
import dev.cordon.it.Scenario;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What comes back through the client funnels is governed like what goes out: a model asking for a
 * tool outside limits.tools is blocked before the application sees it (JSON) or the stream is cut at
 * that event, and output redaction applies (JSON and streams). The transports under these clients
 * are told the call is governed, so this must happen at the funnel.
 */
class ClientResponsesTest {
  static final String POLICY = """
      version: 1
      mode: enforce
      principals:
        - id: support-bot
          match: { code: ["com.acme.support.**"] }
      rules:
        - id: support-chat
          effect: allow
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:*"]
          limits: { tools: [lookup_order] }
          redact: { output: [EMAIL] }
      """;

  Scenario s;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
    s.policy(POLICY);
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  @Test
  void langChain4jResponsesAreToolCheckedAndRedacted() throws Exception {
    ChildJvm.Result r = s.support(LangChain4jSteps.class, "tools:gpt-4o-mini", "tools:gpt-4o-mini:text=now call tool delete_user",
        "streamtools:gpt-4o-mini:text=now call tool delete_user", "chat:gpt-4o-mini:text=write to jane.doe@example.com",
        "stream:gpt-4o-mini");
    assertEquals("OK tools tool_call lookup_order", r.step(1), r.toString());
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException") && r.step(2).contains("delete_user"),
        r.toString());
    assertFalse(r.step(3).startsWith("OK streamtools tool_call delete_user"), "the rogue streamed call never reaches the app: " + r);
    assertTrue(r.step(4).startsWith("OK chat Echo: write to ") && !r.step(4).contains("jane.doe@example.com"),
        "output redaction: " + r);
    assertEquals(5, s.fake.requests().size());
    List<JsonNode> chats = s.audit().withAction("model.chat");
    assertEquals(5, chats.size(), "one entry per call: " + s.audit());
    assertEquals("blocked", chats.get(1).path("outcome").asText(), chats.get(1).toString());
    assertEquals("delete_user", chats.get(1).path("tool").asText());
    assertEquals("delete_user", chats.get(2).path("tool").asText(), chats.get(2).toString());
    assertEquals("redacted", chats.get(3).path("outcome").asText(), chats.get(3).toString());
  }

  @Test
  void springAi1ResponsesAreToolCheckedAndRedacted() throws Exception {
    ChildJvm.Result r = s.jvm().classPath(SpringAiTest.classPath(1)).run("com.acme.support.Support",
        "com.acme.shared.springai1.SpringAi1Steps", "tools:gpt-4o-mini", "tools:gpt-4o-mini:text=now call tool delete_user",
        "call:gpt-4o-mini:text=write to jane.doe@example.com");
    assertEquals("OK tools Echo: Use the tool for order 1234", r.step(1), r.toString());
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException") && r.step(2).contains("delete_user"),
        r.toString());
    assertTrue(r.step(3).startsWith("OK call Echo: write to ") && !r.step(3).contains("jane.doe@example.com"), r.toString());
    List<JsonNode> chats = s.audit().withAction("model.chat");
    assertEquals(s.fake.requests().size(), chats.size(), "one entry per call: " + s.audit());
    assertEquals("blocked", chats.get(2).path("outcome").asText(), chats.get(2).toString());
    assertEquals("redacted", chats.get(3).path("outcome").asText(), chats.get(3).toString());
  }

  @Test
  void googleGenAiResponsesAreToolCheckedAndRedacted() throws Exception {
    ChildJvm.Result r = s.support(GenAiSteps.class, "chat:gemini-2.0-flash:tools=lookup_order:text=use the tool",
        "chat:gemini-2.0-flash:tools=lookup_order:text=now call tool delete_user",
        "chat:gemini-2.0-flash:text=write to jane.doe@example.com", "stream:gemini-2.0-flash:text=write to jane.doe@example.com");
    assertEquals("OK functionCall lookup_order", r.step(1), r.toString());
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException") && r.step(2).contains("delete_user"),
        r.toString());
    assertTrue(r.step(3).startsWith("OK Echo: write to ") && !r.step(3).contains("jane.doe@example.com"), r.toString());
    assertTrue(r.step(4).startsWith("OK streamed Echo: write to ") && !r.step(4).contains("jane.doe@example.com"), r.toString());
    assertEquals(4, s.fake.requests().size());
    List<JsonNode> chats = s.audit().withAction("model.chat");
    assertEquals(4, chats.size(), s.audit().toString());
    assertEquals("blocked", chats.get(1).path("outcome").asText(), chats.get(1).toString());
    assertEquals("redacted", chats.get(2).path("outcome").asText(), chats.get(2).toString());
    assertEquals("redacted", chats.get(3).path("outcome").asText(), chats.get(3).toString());
  }
}
