package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec 6: a hand-rolled client on the JDK's java.net.http is governed exactly like an SDK call. */
class JdkHttpClientTest {
  static final String MAIN = "com.acme.support.raw.RawJdkMain";

  Scenario s;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  static String policy(String mode, String endpoints) {
    return """
        version: 1
        mode: %s
        principals:
          - id: support-bot
            match: { code: ["com.acme.support.**"] }
        models:
          - id: chat-small
            provider: openai
            model: "gpt-4o-mini*"
        %s
        rules:
          - id: support-chat
            effect: allow
            principals: [support-bot]
            actions: [model.chat]
            resources: ["model:chat-small"]
            limits: { max_output_tokens: 1024, tools: [lookup_order] }
        """.formatted(mode, endpoints);
  }

  @Test
  void allowedDeniedAndRewrittenRequestsOnTheWire() throws Exception {
    s.policy(policy("enforce", ""));
    ChildJvm.Result r = s.jvm().run(MAIN, "chat:gpt-4o-mini:max=100", "chat:gpt-4o", "chat:gpt-4o-mini",
        "chat:gpt-4o-mini:tools=delete_user", "async:gpt-4o-mini", "async:gpt-4o");
    assertTrue(r.step(1).startsWith("OK gpt-4o-mini Echo"), r.toString());
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), r.toString());
    assertTrue(r.step(2).contains("support-bot") && r.step(2).contains("model:openai/gpt-4o"), r.step(2));
    assertTrue(r.step(3).startsWith("OK"), r.toString());
    assertTrue(r.step(4).startsWith("DENIED") && r.step(4).contains("delete_user"), r.toString());
    assertTrue(r.step(5).startsWith("OK gpt-4o-mini"), r.toString());
    assertTrue(r.step(6).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), r.toString());

    var wire = s.fake.requests();
    assertEquals(3, wire.size(), "denied requests never reach the provider: " + wire);
    assertTrue(wire.get(0).body().contains("\"max_completion_tokens\":100"), wire.get(0).body());
    assertTrue(wire.get(1).body().contains("\"max_completion_tokens\":1024"),
        "the output cap must reach the wire: " + wire.get(1).body());
    assertEquals("Bearer sk-app-own-key", wire.get(0).headers().get("authorization"));

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(6, chats.size(), audit.toString());
    JsonNode ok = chats.get(0);
    assertEquals("support-bot", ok.path("principal").asText());
    assertEquals("allowed", ok.path("outcome").asText());
    assertEquals("support-chat", ok.path("rule").asText());
    assertEquals("model:chat-small", ok.path("resource").asText());
    assertTrue(ok.path("endpoint").asText().endsWith(":" + s.fake.port() + "/v1/chat/completions"), ok.toString());
    assertTrue(ok.path("caller").asText().startsWith("com.acme.support.raw.RawJdkMain.main(RawJdkMain.java:"), ok.toString());
    assertTrue(ok.path("usage").path("output_tokens").asLong() > 0, ok.toString());
    assertEquals("blocked", chats.get(1).path("outcome").asText());
    assertEquals(1024, chats.get(2).path("cap_added").asLong(), chats.get(2).toString());
    JsonNode async = chats.get(4);
    assertEquals("support-bot", async.path("principal").asText(), "async calls belong to the caller");
    assertEquals("allowed", async.path("outcome").asText(), async.toString());
    assertTrue(async.path("usage").path("output_tokens").asLong() > 0, async.toString());
    assertFalse(audit.toString().contains("Where is my order"), "no raw prompt in the audit");
    assertFalse(audit.toString().contains("sk-app-own-key"), "no key in the audit");
  }

  @Test
  void monitorLetsEverythingThroughAndAuditsWhatEnforceWouldDo() throws Exception {
    s.policy(policy("monitor", ""));
    ChildJvm.Result r = s.jvm().run(MAIN, "chat:gpt-4o", "stream:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("OK gpt-4o Echo"), r.toString());
    assertTrue(r.step(2).startsWith("OK streamed Echo"), r.toString());
    assertEquals(2, s.fake.requests().size());
    List<JsonNode> chats = s.audit().withAction("model.chat");
    assertEquals("deny", chats.get(0).path("decision").asText());
    assertEquals("would_block", chats.get(0).path("outcome").asText());
    assertEquals("allowed", chats.get(1).path("outcome").asText());
  }

  @Test
  void endpointsAreAnEgressAllowList() throws Exception {
    // The fake's port is not listed: AI traffic to it is denied and audited, nothing is sent.
    s.policy(policy("enforce", "endpoints:\n  - { host: api.openai.com }\n  - { host: \"127.0.0.1\", port: 1 }"));
    ChildJvm.Result r = s.jvm().run(MAIN, "chat:gpt-4o-mini", "get:/models");
    assertTrue(r.step(1).startsWith("DENIED") && r.step(1).contains("not allowed by the policy's endpoints"), r.toString());
    assertTrue(r.step(2).startsWith("OK status 200"), "non-AI requests are not governed: " + r);
    assertEquals(1, s.fake.requests().size());
    assertEquals("GET", s.fake.requests().get(0).method());
    JsonNode e = s.audit().withAction("model.chat").get(0);
    assertEquals("blocked", e.path("outcome").asText());
    assertTrue(e.path("reason").asText().contains("endpoints"), e.toString());
  }

  @Test
  void tlsRequiredBlocksPlainHttp() throws Exception {
    s.policy(policy("enforce", "endpoints:\n  - { host: \"127.0.0.1\", port: %PORT%, tls: required }"));
    ChildJvm.Result r = s.jvm().run(MAIN, "chat:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("DENIED") && r.step(1).contains("requires TLS"), r.toString());
    assertEquals(0, s.fake.requests().size());
  }

  @Test
  void aListedEndpointIsAllowedAndNonAiRequestsAreNotAudited() throws Exception {
    s.policy(policy("enforce", "endpoints:\n  - { host: \"127.0.0.1\", port: %PORT%, provider: openai }"));
    ChildJvm.Result r = s.jvm().run(MAIN, "chat:gpt-4o-mini", "get:/models", "post:/not-ai");
    assertTrue(r.step(1).startsWith("OK gpt-4o-mini"), r.toString());
    assertTrue(r.step(2).startsWith("OK status 200"), r.toString());
    assertTrue(r.step(3).startsWith("OK status 404"), r.toString());
    assertEquals(3, s.fake.requests().size());
    assertEquals(1, s.audit().withAction("model.chat").size(), s.audit().toString());
  }

  @Test
  void aBodyThatCannotBeReadIsDecidedOnTheUrlAndTheAuditSaysSo() throws Exception {
    s.policy(policy("enforce", ""));
    ChildJvm.Result r = s.jvm().run(MAIN, "unreadable:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("DENIED") && r.step(1).contains("model:openai/unknown"), r.toString());
    assertEquals(0, s.fake.requests().size());
    JsonNode e = s.audit().withAction("model.chat").get(0);
    assertEquals("unread", e.path("body").asText(), e.toString());
    assertEquals("blocked", e.path("outcome").asText());
  }

  @Test
  void governedOnJava25Too() throws Exception {
    String java25 = "/usr/lib/jvm/temurin-25-jdk-amd64";
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(java.nio.file.Path.of(java25)));
    s.policy(policy("enforce", ""));
    ChildJvm.Result r = s.jvm().javaHome(java25).run(MAIN, "chat:gpt-4o-mini", "chat:gpt-4o", "async:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("OK gpt-4o-mini"), r.toString());
    assertTrue(r.step(2).startsWith("DENIED"), r.toString());
    assertTrue(r.step(3).startsWith("OK gpt-4o-mini"), r.toString());
    assertEquals(2, s.fake.requests().size());
    assertTrue(s.fake.requests().get(1).body().contains("\"max_completion_tokens\":1024"));
  }
}
