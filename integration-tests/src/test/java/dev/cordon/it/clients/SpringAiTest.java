package dev.cordon.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cordon.it.AuditFile;
import dev.cordon.it.ChildJvm;
import dev.cordon.it.Scenario;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spring AI 1.1 (its own OpenAiApi on RestClient/WebClient, governed there) and 2.0 (on openai-java,
 * governed by the SDK below it: one audit entry per call), each on a class path of its own:
 * ChatModel.call/stream, the ChatClient fluent API (with a tool), EmbeddingModel.
 */
class SpringAiTest {
  static final String POLICY = LangChain4jTest.POLICY;

  Scenario s;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  private void policy(String mode, boolean maxTokens) throws Exception {
    s.policy(POLICY.replace("%MODE%", mode).replace("%MAX%", maxTokens ? "max_output_tokens: 1024," : ""));
  }

  /** The app's jar plus its resolved class path, as written by its module's build. */
  static String classPath(int major) throws Exception {
    Path target = Paths.get(System.getProperty("cordon.app.spring-ai-" + major));
    Path jar;
    try (var files = Files.list(target)) {
      jar = files.filter(p -> p.getFileName().toString().endsWith(".jar")).findFirst().orElseThrow();
    }
    return jar + File.pathSeparator + Files.readString(target.resolve("classpath.txt")).trim();
  }

  private ChildJvm jvm(int major) throws Exception {
    return s.jvm().classPath(classPath(major));
  }

  private static String[] args(int major, String... steps) {
    String[] all = new String[steps.length + 1];
    all[0] = "com.acme.shared.springai" + major + ".SpringAi" + major + "Steps";
    System.arraycopy(steps, 0, all, 1, steps.length);
    return all;
  }

  @ParameterizedTest(name = "Spring AI {0}")
  @ValueSource(ints = {1, 2})
  void allowedCallsReachTheProviderUnchangedWithOneAuditEntryEach(int major) throws Exception {
    policy("enforce", false);
    String[] steps = args(major, "call:gpt-4o-mini", "stream:gpt-4o-mini:usage", "client:gpt-4o-mini",
        "clientstream:gpt-4o-mini", "tools:gpt-4o-mini", "embed:text-embedding-3-small");
    ChildJvm.Result without = jvm(major).noAgent().run("com.acme.support.Support", steps);
    List<String> plain = Wire.bodies(s.fake.requests());
    s.fake.clear();

    ChildJvm.Result r = jvm(major).run("com.acme.support.Support", steps);
    assertEquals("OK call Echo: Where is my order 1234?", r.step(1), r.toString());
    assertEquals("OK streamed Echo: Where is my order 1234?", r.step(2), r.toString());
    assertEquals("OK client Echo: Where is my order 1234?", r.step(3), r.toString());
    assertEquals("OK clientstreamed Echo: Where is my order 1234?", r.step(4), r.toString());
    assertEquals("OK tools Echo: Use the tool for order 1234", r.step(5), r.toString());
    assertEquals("OK embedding dims=8", r.step(6), r.toString());
    assertEquals(plain, Wire.bodies(s.fake.requests()), "what reached the provider is unchanged");
    assertTrue(s.fake.requests().get(4).body().contains("lookup_order"), "the @Tool is declared");

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> calls = audit.where(e -> e.path("action").asText().startsWith("model."));
    assertEquals(s.fake.requests().size(), calls.size(), "one audit entry per logical call: " + audit);
    assertEquals(7, calls.size(), audit.toString());
    for (JsonNode e : calls) {
      assertEquals("allowed", e.path("outcome").asText(), e.toString());
      assertEquals("support-bot", e.path("principal").asText(), e.toString());
      assertEquals("openai", e.path("provider").asText(), e.toString());
      assertTrue(e.path("caller").asText().startsWith("com.acme.support.Support.main("), e.toString());
    }
    for (int i : new int[] {0, 1, 2, 4, 5, 6}) {
      assertTrue(calls.get(i).path("usage").path("input_tokens").asLong() > 0, "usage of call " + i + ": " + calls.get(i));
    }
    assertEquals("text-embedding-3-small", calls.get(6).path("model").asText());
  }

  /**
   * Output redaction on Spring AI 1.x: a JSON answer is redacted by the SDK hook, a stream (read by
   * the hook for its usage, carried by Reactor Netty) by the transport, with the hook's call: once
   * each, and one audit entry per call.
   */
  @org.junit.jupiter.api.Test
  void springAi1AnswersAreRedactedOnceWithOneEntryEach() throws Exception {
    s.policy(dev.cordon.it.OutputRedactionPolicy.TEXT);
    s.fake.setStreamSlice(4); // the phone number spans several events
    String t = ":text=" + WebClientTest.TEXT;
    ChildJvm.Result r = jvm(1).run("com.acme.support.Support", args(1, "call:gpt-4o-mini" + t,
        "stream:gpt-4o-mini:usage" + t, "clientstream:gpt-4o-mini" + t, "stream:gpt-4.1-mini:usage" + t));
    assertEquals("OK call " + WebClientTest.REDACTED, r.step(1), r.toString());
    assertEquals("OK streamed " + WebClientTest.REDACTED, r.step(2), r.toString());
    assertEquals("OK clientstreamed " + WebClientTest.REDACTED, r.step(3), r.toString());
    assertEquals("OK streamed " + WebClientTest.RAW, r.step(4), "monitor: " + r);
    assertEquals(4, s.fake.requests().size());
    assertTrue(s.fake.requests().get(1).body().contains("<EMAIL_1>"), s.fake.requests().get(1).body());

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(4, chats.size(), "one entry per call: " + audit);
    for (int i = 0; i < 3; i++) {
      JsonNode e = chats.get(i);
      assertEquals("redacted", e.path("outcome").asText(), e.toString());
      assertEquals(1, e.path("redactions").path("EMAIL").asInt(), "the prompt's one address: " + e);
      assertEquals(1, e.path("output_redactions").path("PHONE").asInt(), "once, not twice: " + e);
      assertFalse(e.path("output_redactions").has("EMAIL"), "restored, not redacted: " + e);
    }
    assertEquals("would_redact", chats.get(3).path("outcome").asText(), chats.get(3).toString());
    assertEquals(1, chats.get(3).path("output_redactions").path("PHONE").asInt(), chats.get(3).toString());
    assertEquals(1, chats.get(3).path("output_redactions").path("EMAIL").asInt(), chats.get(3).toString());
    assertTrue(audit.withAction("agent.error").isEmpty(), audit.toString());
  }

  @ParameterizedTest(name = "Spring AI {0}")
  @ValueSource(ints = {1, 2})
  void deniedCallsThrowOurExceptionAndSendNothing(int major) throws Exception {
    policy("enforce", true);
    ChildJvm.Result r = jvm(major).run("com.acme.support.Support", args(major, "call:gpt-4o", "stream:gpt-4o",
        "client:gpt-4o", "clientstream:gpt-4o", "embed:text-embedding-ada-002", "call:gpt-4o-mini:max=4096"));
    for (int i = 1; i <= 6; i++) {
      assertTrue(r.step(i).startsWith("DENIED dev.cordon.CordonAccessDeniedException: "), r.toString());
    }
    assertTrue(r.step(6).contains("max_completion_tokens 4096 exceeds limits.max_output_tokens 1024"), r.step(6));
    assertEquals(0, s.fake.requests().size(), "nothing may reach the provider");
    assertEquals(6, s.audit().where(e -> "blocked".equals(e.path("outcome").asText())).size(), s.audit().toString());
  }

  @ParameterizedTest(name = "Spring AI {0}")
  @ValueSource(ints = {1, 2})
  void aCapIsAddedAndMonitorModeOnlyAudits(int major) throws Exception {
    policy("enforce", true);
    ChildJvm.Result r = jvm(major).run("com.acme.support.Support", args(major, "call:gpt-4o-mini"));
    assertTrue(r.step(1).startsWith("OK"), r.toString());
    assertTrue(s.fake.requests().get(0).body().replace(" ", "").contains("\"max_completion_tokens\":1024"),
        s.fake.requests().get(0).body());
    s.fake.clear();

    policy("monitor", false);
    r = jvm(major).run("com.acme.support.Support", args(major, "call:gpt-4o", "stream:gpt-4o", "embed:text-embedding-ada-002"));
    for (int i = 1; i <= 3; i++) assertTrue(r.step(i).startsWith("OK"), r.toString());
    assertEquals(3, s.fake.requests().size());
    assertEquals(3, s.audit().where(e -> "would_block".equals(e.path("outcome").asText())).size(), s.audit().toString());
  }
}
