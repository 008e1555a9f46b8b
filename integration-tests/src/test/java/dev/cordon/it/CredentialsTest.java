package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec 7: the agent puts the scoped key on the request, re-reads it on rotation, refuses a stale one, never logs it. */
class CredentialsTest {
  static final String KEY = "sk-scoped-AAAA1111";
  static final String ROTATED = "sk-scoped-BBBB2222-rotated";
  static final String POLICY = """
      version: 1
      mode: enforce
      principals:
        - id: support-bot
          match: { code: ["com.acme.support.**"] }
      models:
        - id: chat-small
          provider: openai
          model: "gpt-4o-mini*"
      credentials:
        - id: openai-support
          provider: openai
          file: key.txt
          max_age: 30d
      rules:
        - id: support-chat
          effect: allow
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:chat-small"]
          credential: openai-support
      """;

  Scenario s;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
    s.write("key.txt", KEY + "\n");
    s.policy(POLICY);
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  static String fingerprint(String key) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
  }

  @Test
  void theScopedKeyGoesOnApacheRequestsAndTheApplicationNeverSeesIt() throws Exception {
    ChildJvm.Result five = s.jvm().run("com.acme.support.raw.RawApache5Main", "chat:gpt-4o-mini", "async:gpt-4o-mini",
        "asynccustom:gpt-4o-mini");
    ChildJvm.Result four = s.jvm().run("com.acme.support.raw.RawApache4Main", "chat:gpt-4o-mini");
    for (ChildJvm.Result r : List.of(five, four)) {
      assertTrue(r.step(1).startsWith("OK gpt-4o-mini"), r.toString());
      assertTrue(r.stdout().contains("request's Authorization as: Bearer sk-app-own-key"),
          "after the call the request holds the application's own key again: " + r);
      assertFalse(r.stdout().contains(KEY) || r.stderr().contains(KEY), "the key never reaches the application or a log line");
    }
    assertTrue(five.step(2).startsWith("OK") && five.step(3).startsWith("OK"), five.toString());
    var wire = s.fake.requests();
    assertEquals(4, wire.size());
    for (var req : wire) {
      assertEquals("Bearer " + KEY, req.headers().get("authorization"), req.headers().toString());
      assertFalse(req.headers().toString().contains("sk-app-own-key"), "the application's own key is removed: " + req.headers());
    }
    List<JsonNode> chats = s.audit().withAction("model.chat");
    assertEquals(4, chats.size(), s.audit().toString());
    for (JsonNode e : chats) assertEquals("openai-support", e.path("key_id").asText(), e.toString());
  }

  @Test
  void theScopedKeyReplacesTheApplicationsOwnOnEveryClient() throws Exception {
    ChildJvm.Result jdk = s.jvm().run("com.acme.support.raw.RawJdkMain", "chat:gpt-4o-mini");
    ChildJvm.Result ok = s.jvm().run("com.acme.support.raw.RawOkHttpMain", "chat:gpt-4o-mini", "async:gpt-4o-mini");
    ChildJvm.Result huc = s.jvm().run("com.acme.support.raw.RawUrlConnectionMain", "chat:gpt-4o-mini");
    ChildJvm.Result sdk = s.support("chat:gpt-4o-mini", "async:gpt-4o-mini");
    for (ChildJvm.Result r : List.of(jdk, ok, huc, sdk)) {
      assertTrue(r.step(1).startsWith("OK gpt-4o-mini"), r.toString());
      assertFalse(r.stdout().contains(KEY) || r.stderr().contains(KEY), "the key never reaches a log line");
    }
    assertTrue(ok.step(2).startsWith("OK") && sdk.step(2).startsWith("OK"), ok + "\n" + sdk);
    var wire = s.fake.requests();
    assertEquals(6, wire.size());
    for (var req : wire) {
      assertEquals("Bearer " + KEY, req.headers().get("authorization"), req.headers().toString());
      assertFalse(req.headers().toString().contains("sk-app-own-key") || req.headers().toString().contains("sk-test-key"),
          "the application's own key is removed: " + req.headers());
    }
    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(6, chats.size(), audit.toString());
    for (JsonNode e : chats) {
      assertEquals("openai-support", e.path("key_id").asText(), e.toString());
      assertEquals(fingerprint(KEY), e.path("key_fingerprint").asText(), e.toString());
    }
    assertFalse(audit.toString().contains(KEY), "the key never reaches the audit");
  }

  @Test
  void aRotatedKeyIsUsedWithoutRestart() throws Exception {
    Path signal = s.dir.resolve("rotated");
    ChildJvm jvm = s.jvm().start("com.acme.support.raw.RawJdkMain", "chat:gpt-4o-mini", "wait:" + signal, "chat:gpt-4o-mini");
    long until = System.currentTimeMillis() + 60_000;
    while (s.fake.requests().isEmpty() && System.currentTimeMillis() < until) Thread.sleep(20);
    s.write("key.txt", ROTATED + "\n");
    Files.writeString(signal, "go");
    ChildJvm.Result r = jvm.await();
    assertTrue(r.step(2).startsWith("OK"), r.toString());
    var wire = s.fake.requests();
    assertEquals("Bearer " + KEY, wire.get(0).headers().get("authorization"));
    assertEquals("Bearer " + ROTATED, wire.get(1).headers().get("authorization"));
    List<JsonNode> chats = s.audit().withAction("model.chat");
    assertEquals(fingerprint(ROTATED), chats.get(1).path("key_fingerprint").asText());
  }

  @Test
  void aKeyOlderThanMaxAgeIsRefusedLikeADeniedCall() throws Exception {
    Files.setLastModifiedTime(s.dir.resolve("key.txt"), FileTime.from(Instant.now().minus(Duration.ofDays(40))));
    ChildJvm.Result r = s.jvm().run("com.acme.support.raw.RawOkHttpMain", "chat:gpt-4o-mini");
    ChildJvm.Result sdk = s.support("chat:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("DENIED dev.cordon.CordonAccessDeniedException") && r.step(1).contains("max_age"), r.toString());
    assertTrue(sdk.step(1).startsWith("DENIED") && sdk.step(1).contains("max_age"), sdk.toString());
    assertEquals(0, s.fake.requests().size(), "nothing is sent");
    JsonNode e = s.audit().withAction("model.chat").get(0);
    assertEquals("deny", e.path("decision").asText());
    assertEquals("blocked", e.path("outcome").asText());
    assertEquals("support-chat", e.path("rule").asText());
    assertTrue(e.path("reason").asText().contains("max_age"), e.toString());
  }
}
