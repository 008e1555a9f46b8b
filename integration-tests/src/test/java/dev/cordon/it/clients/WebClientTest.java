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
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spec 6 on Spring WebClient over Reactor Netty, and on Reactor Netty's HttpClient directly (the
 * Spring AI 1.1 app's class path: Spring 6.2, Reactor Netty 1.2). One child JVM runs every case.
 */
class WebClientTest {
  static final String POLICY = """
      version: 1
      mode: enforce
      principals:
        - id: support-bot
          match: { code: ["com.acme.support.**"] }
      models:
        - { id: chat-small, provider: openai, model: "gpt-4o-mini*" }
        - { id: staged, provider: openai, model: "gpt-4o" }
      endpoints:
        - { host: "127.0.0.1", port: %PORT%, provider: openai }
      rules:
        - id: support-chat
          effect: allow
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:chat-small"]
          limits: { max_output_tokens: 1024, tools: [lookup_order] }
          redact: { prompt: [EMAIL] }
        - id: staged-block
          effect: deny
          principals: [support-bot]
          actions: [model.chat]
          resources: ["model:staged"]
          mode: monitor
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
  void webClientAndReactorNettyAreGoverned() throws Exception {
    ChildJvm.Result r = s.jvm().classPath(SpringAiTest.classPath(1)).run("com.acme.support.Support",
        "com.acme.shared.webclient.WebClientSteps", "chat:gpt-4o-mini", "chat:gpt-4.1", "chat:gpt-4o",
        "chat:gpt-4o-mini:text=mail alice@example.com now", "stream:gpt-4o-mini", "otherhost:gpt-4o-mini",
        "scheduled:gpt-4o-mini", "netty:gpt-4o-mini", "nettyflux:gpt-4o-mini", "get:/models",
        "chat:gpt-4o-mini:tools=lookup_order:text=now call tool delete_user",
        "stream:gpt-4o-mini:tools=lookup_order:text=now call tool delete_user");
    assertTrue(r.step(1).startsWith("OK gpt-4o-mini Echo"), r.toString());
    // WebClient wraps every failure before the response in its WebClientRequestException; ours is the cause.
    assertTrue(r.step(2).startsWith("WRAPPED org.springframework.web.reactive.function.client.WebClientRequestException"
        + " <- dev.cordon.CordonAccessDeniedException"), r.toString());
    assertTrue(r.step(3).startsWith("OK gpt-4o Echo"), "monitor: sent: " + r);
    assertTrue(r.step(4).startsWith("OK gpt-4o-mini Echo: mail <EMAIL> now"), r.toString());
    assertTrue(r.step(5).startsWith("OK streamed Echo"), r.toString());
    assertTrue(r.step(6).contains("CordonAccessDeniedException") && r.step(6).contains("not allowed by the policy's endpoints"),
        r.toString());
    assertTrue(r.step(7).contains("CordonAccessDeniedException") && r.step(7).contains("anonymous"),
        "subscribed on a scheduler thread: no application frame, so not support-bot: " + r);
    assertTrue(r.step(8).startsWith("OK gpt-4o-mini Echo"), r.toString());
    assertTrue(r.step(9).startsWith("DENIED dev.cordon.CordonAccessDeniedException") && r.step(9).contains("model:openai/unknown"),
        "a Flux body goes out after its headers: decided unread: " + r);
    assertTrue(r.step(10).startsWith("OK status 200"), r.toString());
    // The model asks for a tool outside limits.tools: the response fails with the deny before the
    // application has the answer (JSON: checked whole; a stream: cut at the event naming the tool).
    for (int i : new int[] {11, 12}) {
      assertTrue(r.step(i).contains("CordonAccessDeniedException") && r.step(i).contains("delete_user"), r.toString());
    }

    var wire = s.fake.requests();
    assertEquals(8, wire.size(), wire.toString());
    assertTrue(wire.get(0).body().contains("\"max_completion_tokens\":1024"), "the cap reaches the wire: " + wire.get(0).body());
    assertTrue(wire.get(2).body().contains("mail <EMAIL> now") && !wire.get(2).body().contains("alice@"), wire.get(2).body());
    for (var req : wire) assertFalse(req.headers().containsKey("x-cordon-call"), req.toString());

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(11, chats.size(), "one entry per AI call: " + audit);
    JsonNode ok = chats.get(0);
    assertEquals("support-bot", ok.path("principal").asText(), ok.toString());
    assertTrue(ok.path("caller").asText().startsWith("com.acme.support.Support.main"),
        "attributed to the code that subscribed, not the event loop: " + ok);
    assertEquals(200, ok.path("status").asInt(), ok.toString());
    assertTrue(ok.path("usage").path("output_tokens").asLong() > 0, ok.toString());
    assertEquals("blocked", chats.get(1).path("outcome").asText());
    assertEquals("would_block", chats.get(2).path("outcome").asText());
    assertEquals("redacted", chats.get(3).path("outcome").asText());
    assertTrue(chats.get(4).path("usage").path("output_tokens").asLong() > 0, "streamed usage: " + chats.get(4));
    assertTrue(chats.get(5).path("reason").asText().contains("endpoints"), chats.get(5).toString());
    assertEquals("anonymous", chats.get(6).path("principal").asText(), chats.get(6).toString());
    assertEquals("support-bot", chats.get(7).path("principal").asText(), chats.get(7).toString());
    assertEquals("unread", chats.get(8).path("body").asText(), chats.get(8).toString());
    for (int i : new int[] {9, 10}) {
      assertEquals("blocked", chats.get(i).path("outcome").asText(), chats.get(i).toString());
      assertEquals("delete_user", chats.get(i).path("tool").asText(), chats.get(i).toString());
    }
    assertFalse(audit.toString().contains("alice@"), "no raw prompt in the audit");
  }


  static final String TEXT = "Mail alice@example.com or call 415-555-0100 today";
  static final String REDACTED = "Echo: Mail alice@example.com or call <PHONE> today";
  static final String RAW = "Echo: " + TEXT;
  static final String FILLER = " The quick brown fox jumps over the lazy dog.".repeat(3);

  /**
   * Output redaction on Reactor Netty: the answer the application reads (WebClient JSON and
   * server-sent events, Reactor Netty's HttpClient) has the phone number redacted and the prompt's
   * pseudonym restored in enforce, is unchanged and counted in monitor; one entry per call.
   */
  @Test
  void answersAreRedactedOnWebClientAndReactorNetty() throws Exception {
    s.policy(dev.cordon.it.OutputRedactionPolicy.TEXT);
    s.fake.setStreamSlice(4); // the phone number spans several events
    s.fake.setGzipWhenAsked(true); // the "gzip" steps ask as the application
    String t = ":text=" + TEXT;
    String tools = "gpt-4o-2024-08-06:tools=lookup";
    ChildJvm.Result r = s.jvm().classPath(SpringAiTest.classPath(1)).run("com.acme.support.Support",
        "com.acme.shared.webclient.WebClientSteps", "chat:gpt-4o-mini" + t, "stream:gpt-4o-mini" + t,
        "netty:gpt-4o-mini" + t, "chat:" + tools + t, "stream:" + tools + t, "chat:gpt-4.1-mini" + t,
        "stream:gpt-4.1-mini" + t, "netty:gpt-4o-mini:gzip" + t, "chat:gpt-4o-mini" + t, "chat:gpt-4o-mini:gzip" + t,
        "streamtimed:gpt-4o-mini" + t + FILLER);
    assertEquals("OK gpt-4o-mini " + REDACTED + " [cl=ok]", r.step(1), r.toString());
    assertEquals("OK streamed " + REDACTED, r.step(2), r.toString());
    assertEquals("OK gpt-4o-mini " + REDACTED, r.step(3), r.toString());
    assertEquals("OK gpt-4o-2024-08-06 " + REDACTED + " [cl=ok]", r.step(4), "held for its tool calls, then redacted: " + r);
    assertEquals("OK streamed " + REDACTED, r.step(5), "gated line by line, then redacted: " + r);
    assertEquals("OK gpt-4.1-mini " + RAW + " [cl=ok]", r.step(6), "monitor: " + r);
    assertEquals("OK streamed " + RAW, r.step(7), "monitor: " + r);
    // Asked compressed by the application on a client that does not decode: unreadable, so refused
    // rather than handed on unredacted. WebClient's client decodes below the hook: redacted as usual.
    assertTrue(r.step(8).startsWith("FAIL") && r.step(8).contains("java.io.IOException: Cordon: output redaction cannot read")
        && r.step(8).contains("Content-Encoding 'gzip'"), r.toString());
    assertEquals("OK gpt-4o-mini " + REDACTED + " [cl=ok]", r.step(9), "the next call is not affected: " + r);
    assertEquals("OK gpt-4o-mini " + REDACTED + " [cl=ok]", r.step(10), r.toString());
    java.util.regex.Matcher timing = java.util.regex.Pattern.compile("^OK streamed " + java.util.regex.Pattern.quote(REDACTED + FILLER)
        + " \\(first=(\\d+) total=(\\d+)\\)$").matcher(r.step(11));
    assertTrue(timing.find(), r.toString());
    long first = Long.parseLong(timing.group(1));
    long total = Long.parseLong(timing.group(2));
    System.out.println("[netty-output-redaction] webclient: first text after " + first + " ms of a " + total + " ms stream");
    assertTrue(first < total * 0.7, "streaming stays streaming: the first text came at " + first + " of " + total + " ms");

    var wire = s.fake.requests();
    assertEquals(11, wire.size(), wire.toString());
    assertTrue(wire.get(9).headers().toString().contains("accept-encoding=gzip"), wire.get(9).headers().toString());
    dev.cordon.it.OutputRedactionPolicy.assertPromptsOnTheWire(wire, 5);

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(11, chats.size(), "one entry per call: " + audit);
    for (int i : new int[] {0, 1, 2, 3, 4, 8, 9, 10}) {
      JsonNode e = chats.get(i);
      assertEquals("redacted", e.path("outcome").asText(), e.toString());
      assertEquals(1, e.path("redactions").path("EMAIL").asInt(), "the prompt's one address: " + e);
      assertEquals(1, e.path("redactions").path("PHONE").asInt(), e.toString());
      assertEquals(1, e.path("output_redactions").path("PHONE").asInt(), e.toString());
      assertFalse(e.path("output_redactions").has("EMAIL"), "restored, not redacted: " + e);
      assertTrue(e.path("usage").path("output_tokens").asLong() > 0, e.toString());
    }
    for (int i : new int[] {5, 6}) {
      JsonNode e = chats.get(i);
      assertEquals("would_redact", e.path("outcome").asText(), e.toString());
      assertEquals(2, e.path("redactions").path("EMAIL").asInt(), "prompt and answer: " + e);
      assertEquals(1, e.path("output_redactions").path("EMAIL").asInt(), e.toString());
      assertEquals(1, e.path("output_redactions").path("PHONE").asInt(), e.toString());
    }
    assertTrue(chats.get(7).path("error").asText().contains("IOException"), "refused, and said so: " + chats.get(7));
    List<JsonNode> errors = audit.withAction("agent.error");
    assertEquals(1, errors.size(), "the gzip refusal, once: " + audit);
    assertEquals("ai.output-redaction", errors.get(0).path("where").asText(), errors.toString());
    assertEquals("blocked", errors.get(0).path("outcome").asText(), errors.toString());
    assertFalse(audit.toString().contains("alice@") || audit.toString().contains("555-0100"), audit.toString());
  }

  @Test
  void theScopedKeyGoesOnReactorNettyRequests() throws Exception {
    s.write("key.txt", "sk-scoped-CCCC3333\n");
    s.policy("""
        version: 1
        mode: enforce
        principals:
          - id: support-bot
            match: { code: ["com.acme.support.**"] }
        models:
          - { id: chat-small, provider: openai, model: "gpt-4o-mini*" }
        credentials:
          - { id: openai-support, provider: openai, file: key.txt }
        rules:
          - id: support-chat
            effect: allow
            principals: [support-bot]
            actions: [model.chat]
            resources: ["model:chat-small"]
            credential: openai-support
        """);
    ChildJvm.Result r = s.jvm().classPath(SpringAiTest.classPath(1)).run("com.acme.support.Support",
        "com.acme.shared.webclient.WebClientSteps", "chat:gpt-4o-mini", "netty:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("OK gpt-4o-mini") && r.step(2).startsWith("OK gpt-4o-mini"), r.toString());
    assertFalse(r.stdout().contains("sk-scoped-CCCC3333") || r.stderr().contains("sk-scoped-CCCC3333"), r.toString());
    assertEquals(2, s.fake.requests().size());
    for (var req : s.fake.requests()) {
      assertEquals("Bearer sk-scoped-CCCC3333", req.headers().get("authorization"), req.headers().toString());
    }
    assertEquals("openai-support", s.audit().withAction("model.chat").get(0).path("key_id").asText());
  }

  @Test
  void reactorNetty13IsGovernedToo() throws Exception {
    // The app's jar (its classes only), the steps runner, Jackson, and Reactor Netty 1.3 / Netty 4.2 / Reactor 3.8.
    String app = SpringAiTest.classPath(1).split(File.pathSeparator)[0];
    String steps;
    try (var files = Files.list(Paths.get(System.getProperty("cordon.app.steps")))) {
      steps = files.filter(p -> p.getFileName().toString().endsWith(".jar")).findFirst().orElseThrow().toString();
    }
    String netty = Files.readString(Paths.get(System.getProperty("cordon.reactor-netty13.classpath"))).trim();
    String jackson = Arrays.stream(ChildJvm.defaultClassPath().split(File.pathSeparator))
        .filter(e -> e.contains("jackson")).collect(Collectors.joining(File.pathSeparator));
    ChildJvm.Result r = s.jvm().classPath(String.join(File.pathSeparator, app, steps, netty, jackson))
        .run("com.acme.support.Support", "com.acme.shared.webclient.ReactorNettySteps", "netty:gpt-4o-mini",
            "netty:gpt-4.1", "netty:gpt-4o-mini:text=mail alice@example.com now", "nettyflux:gpt-4o-mini", "jar");
    assertTrue(r.step(1).startsWith("OK gpt-4o-mini Echo"), r.toString());
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), r.toString());
    assertTrue(r.step(3).startsWith("OK gpt-4o-mini Echo: mail <EMAIL> now"), r.toString());
    assertTrue(r.step(4).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), r.toString());
    assertTrue(r.step(5).startsWith("OK reactor-netty-http-1.3."), "ran on Reactor Netty 1.3: " + r);
    assertEquals(2, s.fake.requests().size(), s.fake.requests().toString());
    List<JsonNode> chats = s.audit().withAction("model.chat");
    assertEquals(4, chats.size(), s.audit().toString());
    assertEquals("support-bot", chats.get(0).path("principal").asText(), chats.get(0).toString());
    assertTrue(chats.get(0).path("usage").path("output_tokens").asLong() > 0, chats.get(0).toString());
  }

  /** Output redaction on Reactor Netty 1.3 / Netty 4.2 alone: enforce, monitor, and a compressed answer refused. */
  @Test
  void reactorNetty13AnswersAreRedacted() throws Exception {
    s.policy(dev.cordon.it.OutputRedactionPolicy.TEXT);
    s.fake.setStreamSlice(4);
    s.fake.setGzipWhenAsked(true);
    String t = ":text=" + TEXT;
    ChildJvm.Result r = s.jvm().classPath(reactorNetty13ClassPath()).run("com.acme.support.Support",
        "com.acme.shared.webclient.ReactorNettySteps", "netty:gpt-4o-mini" + t, "netty:gpt-4.1-mini" + t,
        "netty:gpt-4o-mini:gzip" + t, "netty:gpt-4o-2024-08-06" + t, "jar"); // 4: held for the tool check (limits.tools)
    assertEquals("OK gpt-4o-mini " + REDACTED, r.step(1), r.toString());
    assertEquals("OK gpt-4.1-mini " + RAW, r.step(2), "monitor: " + r);
    assertTrue(r.step(3).startsWith("FAIL") && r.step(3).contains("Content-Encoding 'gzip'"), r.toString());
    assertEquals("OK gpt-4o-2024-08-06 " + REDACTED, r.step(4), r.toString());
    assertTrue(r.step(5).startsWith("OK reactor-netty-http-1.3."), "ran on Reactor Netty 1.3: " + r);
    List<JsonNode> chats = s.audit().withAction("model.chat");
    assertEquals(4, chats.size(), s.audit().toString());
    assertEquals("redacted", chats.get(0).path("outcome").asText(), chats.get(0).toString());
    assertEquals(1, chats.get(0).path("output_redactions").path("PHONE").asInt(), chats.get(0).toString());
    assertEquals("would_redact", chats.get(1).path("outcome").asText(), chats.get(1).toString());
    assertTrue(chats.get(2).path("error").asText().contains("IOException"), chats.get(2).toString());
    assertEquals("redacted", chats.get(3).path("outcome").asText(), chats.get(3).toString());
    assertEquals(1, s.audit().withAction("agent.error").size(), s.audit().toString());
  }

  private static String reactorNetty13ClassPath() throws Exception {
    String app = SpringAiTest.classPath(1).split(File.pathSeparator)[0];
    String steps;
    try (var files = Files.list(Paths.get(System.getProperty("cordon.app.steps")))) {
      steps = files.filter(p -> p.getFileName().toString().endsWith(".jar")).findFirst().orElseThrow().toString();
    }
    String netty = Files.readString(Paths.get(System.getProperty("cordon.reactor-netty13.classpath"))).trim();
    String jackson = Arrays.stream(ChildJvm.defaultClassPath().split(File.pathSeparator))
        .filter(e -> e.contains("jackson")).collect(Collectors.joining(File.pathSeparator));
    return String.join(File.pathSeparator, app, steps, netty, jackson);
  }
}
