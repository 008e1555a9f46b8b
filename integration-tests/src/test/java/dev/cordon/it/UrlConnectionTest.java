package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec 6: raw java.net.HttpURLConnection calls are governed like SDK calls. */
class UrlConnectionTest {
  static final String MAIN = "com.acme.support.raw.RawUrlConnectionMain";

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

  @Test
  void bufferedBodiesAreDecidedAndRewrittenStreamingOnesDecidedOnTheUrl() throws Exception {
    ChildJvm.Result r = s.jvm().run(MAIN, "chat:gpt-4o-mini:max=100", "chat:gpt-4o", "chat:gpt-4o-mini",
        "stream:gpt-4o-mini", "unreadable:gpt-4o-mini", "get:/models", "forged:gpt-4o");
    assertTrue(r.step(1).startsWith("OK gpt-4o-mini Echo"), r.toString());
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), r.toString());
    assertTrue(r.step(3).startsWith("OK gpt-4o-mini"), r.toString());
    assertTrue(r.step(4).startsWith("OK streamed Echo"), r.toString());
    assertTrue(r.step(5).startsWith("DENIED") && r.step(5).contains("model:openai/unknown"), r.toString());
    assertTrue(r.step(6).startsWith("OK status 200"), r.toString());
    assertTrue(r.step(7).startsWith("DENIED"), r.toString());

    var wire = s.fake.requests();
    assertEquals(4, wire.size(), wire.toString());
    assertTrue(wire.get(1).body().contains("\"max_completion_tokens\":1024"), "the cap reaches the wire: " + wire.get(1));
    assertEquals("GET", wire.get(3).method());
    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(6, chats.size(), audit.toString());
    assertEquals("support-bot", chats.get(0).path("principal").asText());
    assertTrue(chats.get(0).path("usage").path("output_tokens").asLong() > 0, chats.get(0).toString());
    assertTrue(chats.get(3).path("usage").path("output_tokens").asLong() > 0, chats.get(3).toString());
    assertEquals("unread", chats.get(4).path("body").asText(), chats.get(4).toString());
  }

  @Test
  void governedOnJava25Too() throws Exception {
    String java25 = "/usr/lib/jvm/temurin-25-jdk-amd64";
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(java.nio.file.Path.of(java25)));
    ChildJvm.Result r = s.jvm().javaHome(java25).run(MAIN, "chat:gpt-4o-mini", "chat:gpt-4o", "unreadable:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("OK gpt-4o-mini"), r.toString());
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), r.toString());
    assertTrue(r.step(3).startsWith("DENIED"), r.toString());
    assertEquals(1, s.fake.requests().size());
    assertTrue(s.fake.requests().get(0).body().contains("\"max_completion_tokens\":1024"));
  }

  @Test
  void egressAllowListAppliesToo() throws Exception {
    s.policy(JdkHttpClientTest.policy("enforce", "endpoints:\n  - { host: api.openai.com }"));
    ChildJvm.Result r = s.jvm().run(MAIN, "chat:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("DENIED") && r.step(1).contains("endpoints"), r.toString());
    assertEquals(0, s.fake.requests().size());
  }
}
