package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec 6: raw OkHttp 4 and 5 calls are governed like SDK calls; SDK calls over OkHttp are audited once. */
class OkHttpTest {
  static final String MAIN = "com.acme.support.raw.RawOkHttpMain";

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
  void rawOkHttp4IsGovernedSyncAndAsync() throws Exception {
    checkRawClient(s.jvm());
  }

  @Test
  void rawOkHttp5IsGovernedSyncAndAsync() throws Exception {
    String okhttp5 = Files.readString(Paths.get(System.getProperty("cordon.okhttp5.classpath"))).trim();
    String jackson = Arrays.stream(ChildJvm.defaultClassPath().split(File.pathSeparator))
        .filter(e -> e.contains("jackson")).collect(Collectors.joining(File.pathSeparator));
    String cp = Paths.get("target/test-classes").toAbsolutePath() + File.pathSeparator + okhttp5 + File.pathSeparator + jackson;
    checkRawClient(s.jvm().classPath(cp).jvmArg("-Dexpect.okhttp=5"));
    assertTrue(Files.readString(s.dir.resolve("stdout.txt")).contains("#1 OK"));
  }

  /**
   * The decision is made where the call enters its chain; the application's interceptors run after
   * it. A request they change (body or URL) is decided again at the network end, for the same
   * caller, and only one audit entry stands for the call.
   */
  @Test
  void requestsChangedByInterceptorsAreDecidedAgain() throws Exception {
    s.policy(JdkHttpClientTest.policy("enforce", "endpoints:\n  - { host: \"127.0.0.1\", port: %PORT% }"));
    ChildJvm.Result r = s.jvm().jvmArg("-Dretarget.port=1").run("com.acme.support.raw.RawOkHttpInterceptedMain",
        "chat:gpt-4o-mini:text=TAG hello", "chat:gpt-4o-mini:text=REWRITE_MODEL hi", "async:gpt-4o-mini:text=REWRITE_MODEL hi",
        "chat:gpt-4o-mini:text=RETARGET hi", "chat:gpt-4o-mini:text=plain");
    assertTrue(r.step(1).startsWith("OK gpt-4o-mini"), "a header added by an interceptor changes nothing: " + r);
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException") && r.step(2).contains("model:openai/gpt-4o"),
        "the model an interceptor put in is decided: " + r);
    assertTrue(r.step(3).startsWith("DENIED java.io.IOException") && r.step(3).contains("[cause dev.cordon.CordonAccessDeniedException]"),
        "an enqueued call's deny reaches onFailure as an IOException: " + r);
    assertTrue(r.step(4).startsWith("DENIED") && r.step(4).contains("not allowed by the policy's endpoints"),
        "re-targeted to a port the endpoints do not list: " + r);
    assertTrue(r.step(5).startsWith("OK gpt-4o-mini"), r.toString());

    var wire = s.fake.requests();
    assertEquals(2, wire.size(), "only the unchanged and the tagged request left: " + wire);
    assertEquals("tagged", wire.get(0).headers().get("x-tag"));
    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(5, chats.size(), "one entry per call, the first decision of a changed call is not written: " + audit);
    assertEquals(List.of("allowed", "blocked", "blocked", "blocked", "allowed"),
        chats.stream().map(c -> c.path("outcome").asText()).toList(), audit.toString());
    assertEquals("model:openai/gpt-4o", chats.get(1).path("resource").asText(), chats.get(1).toString());
    assertEquals("support-bot", chats.get(2).path("principal").asText(), "the same caller decides again: " + chats.get(2));
    assertTrue(chats.get(2).path("caller").asText().startsWith("com.acme.support.raw.RawOkHttpInterceptedMain.main"),
        chats.get(2).toString());
    assertTrue(chats.get(0).path("usage").path("output_tokens").asLong() > 0, chats.get(0).toString());
  }

  private void checkRawClient(ChildJvm jvm) throws Exception {
    ChildJvm.Result r = jvm.run(MAIN, "chat:gpt-4o-mini:max=100", "chat:gpt-4o", "chat:gpt-4o-mini",
        "async:gpt-4o-mini", "async:gpt-4o", "stream:gpt-4o-mini", "forged:gpt-4o", "get:/models");
    assertTrue(r.step(1).startsWith("OK gpt-4o-mini Echo"), r.toString());
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), r.toString());
    assertTrue(r.step(3).startsWith("OK"), r.toString());
    assertTrue(r.step(4).startsWith("OK gpt-4o-mini"), r.toString());
    assertTrue(r.step(5).startsWith("DENIED dev.cordon.CordonAccessDeniedException"),
        "an enqueued call is denied at enqueue, on the caller's thread: " + r);
    assertTrue(r.step(6).startsWith("OK streamed Echo"), r.toString());
    assertTrue(r.step(7).startsWith("DENIED"), "a made-up governed-call header must not bypass the policy: " + r);
    assertTrue(r.step(8).startsWith("OK status 200"), r.toString());

    var wire = s.fake.requests();
    assertEquals(5, wire.size(), wire.toString());
    assertTrue(wire.get(1).body().contains("\"max_completion_tokens\":1024"), "the cap reaches the wire: " + wire.get(1).body());
    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(7, chats.size(), audit.toString());
    JsonNode async = chats.get(3);
    assertEquals("support-bot", async.path("principal").asText());
    assertEquals("main", async.path("thread").asText(), "decided on the thread that enqueued it: " + async);
    assertTrue(async.path("caller").asText().startsWith("com.acme.support.raw.RawOkHttpMain.main"), async.toString());
    assertTrue(async.path("usage").path("output_tokens").asLong() > 0, async.toString());
    assertTrue(chats.get(0).path("usage").path("output_tokens").asLong() > 0, chats.get(0).toString());
    assertTrue(chats.get(5).path("usage").path("output_tokens").asLong() > 0, "streamed usage: " + chats.get(5));
    assertEquals("blocked", chats.get(6).path("outcome").asText());
  }

  @Test
  void governedOnJava25Too() throws Exception {
    String java25 = "/usr/lib/jvm/temurin-25-jdk-amd64";
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Paths.get(java25)));
    ChildJvm.Result r = s.jvm().javaHome(java25).run(MAIN, "chat:gpt-4o-mini", "chat:gpt-4o", "async:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("OK gpt-4o-mini"), r.toString());
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), r.toString());
    assertTrue(r.step(3).startsWith("OK gpt-4o-mini"), r.toString());
    assertEquals(2, s.fake.requests().size());
  }

  @Test
  void oneShotBodyIsDecidedOnTheUrl() throws Exception {
    ChildJvm.Result r = s.jvm().run(MAIN, "unreadable:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("DENIED") && r.step(1).contains("model:openai/unknown"), r.toString());
    assertEquals(0, s.fake.requests().size());
    assertEquals("unread", s.audit().withAction("model.chat").get(0).path("body").asText());
  }

  @Test
  void sdkRetriesAreNeitherDecidedNorAuditedAgain() throws Exception {
    s.policy(OpenAiEnforceTest.POLICY);
    try (FlakyProxy proxy = new FlakyProxy(s.fake.port(), 2)) {
      // Each call's first attempt gets a 500; openai-java retries (sync: same thread; async: a retry timer).
      ChildJvm.Result r = s.jvm().jvmArg("-Dfake.url=" + proxy.baseUrl()).jvmArg("-Dai.retries=2")
          .run("com.acme.support.SupportMain", "chat:gpt-4o-mini", "async:gpt-4o-mini");
      assertTrue(r.step(1).startsWith("OK gpt-4o-mini"), r.toString());
      assertTrue(r.step(2).startsWith("OK async gpt-4o-mini"), r.toString());
      assertEquals(2, proxy.failed.get(), "two attempts failed and were retried");
      assertFalse(proxy.failedHeads.toString().toLowerCase(java.util.Locale.ROOT).contains("x-cordon-call"),
          "the governed-call token never leaves the JVM");
      assertEquals(2, s.fake.requests().size());
      List<JsonNode> chats = s.audit().withAction("model.chat");
      assertEquals(2, chats.size(), "one entry per SDK call, however many attempts: " + s.audit());
    }
  }

  @Test
  void sdkCallsOverOkHttpAreDecidedAndAuditedOnce() throws Exception {
    s.policy(OpenAiEnforceTest.POLICY);
    ChildJvm.Result r = s.support("chat:gpt-4o-mini", "async:gpt-4o-mini", "stream:gpt-4o-mini:usage",
        "embed:text-embedding-3-small", "chat:gpt-4o");
    for (int i = 1; i <= 4; i++) assertTrue(r.step(i).startsWith("OK"), r.toString());
    assertTrue(r.step(5).startsWith("DENIED"), r.toString());
    var wire = s.fake.requests();
    assertEquals(4, wire.size());
    for (var req : wire) assertNull(req.headers().get("x-cordon-call"), "the governed-call token never leaves the JVM");
    AuditFile audit = s.audit();
    assertEquals(4, audit.withAction("model.chat").size(), audit.toString());
    assertEquals(1, audit.withAction("model.embed").size(), audit.toString());
    for (JsonNode e : audit.withAction("model.chat")) {
      assertFalse(e.path("caller").asText().isEmpty(), e.toString());
      assertEquals("support-bot", e.path("principal").asText(), e.toString());
    }
  }
}
