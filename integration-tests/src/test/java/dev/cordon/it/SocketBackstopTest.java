package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cordon.examples.fake.FakeOpenAiServer;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The socket backstop (threat model): connects to an AI endpoint that no governed client makes (a
 * vendored OkHttp under other package names, raw and TLS sockets, NIO and asynchronous channels)
 * are refused at connect; governed clients are unaffected and audited once; other hosts untouched.
 */
class SocketBackstopTest {
  static final String MAIN = "com.acme.support.raw.BackstopMain";
  static final List<String> AROUND = List.of("shaded", "socket", "tls", "nio", "aio");
  static final List<String> GOVERNED = List.of("jdk", "jdk-async", "okhttp", "okhttp-async", "urlconnection", "sdk",
      "sdk-async", "sdk-stream");

  Scenario s;
  FakeOpenAiServer plain;
  int probe;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
    plain = FakeOpenAiServer.start();
    try (ServerSocket free = new ServerSocket(0)) {
      probe = free.getLocalPort();
    }
  }

  @AfterEach
  void tearDown() {
    plain.close();
    s.close();
  }

  private void policy(String mode) throws Exception {
    s.policy(JdkHttpClientTest.policy(mode, "endpoints:\n  - { host: \"127.0.0.1\", port: %PORT%, provider: openai }\n"
        + "  - { host: \"127.0.0.1\", port: " + probe + " }"));
  }

  /** The test classes, the vendored OkHttp jar and what it needs, and the rest of the test class path. */
  private static String classPath() throws Exception {
    Path shaded = Paths.get(System.getProperty("cordon.okhttp.shaded.dir"));
    return shaded.resolve("okhttp-shaded.jar") + File.pathSeparator
        + Files.readString(shaded.resolve("classpath.txt")).trim() + File.pathSeparator + ChildJvm.defaultClassPath();
  }

  private String[] steps(List<String> names) {
    String[] all = new String[names.size() + 1];
    all[0] = "await-backstop:" + probe;
    for (int i = 0; i < names.size(); i++) all[i + 1] = names.get(i);
    return all;
  }

  private List<JsonNode> connectsToFake(AuditFile audit) {
    String resource = "endpoint:127.0.0.1:" + s.fake.port();
    return audit.where(e -> e.path("action").asText().equals("net.connect") && e.path("resource").asText().equals(resource));
  }

  @Test
  void enforceDeniesEveryWayAroundAndLetsGovernedClientsThrough() throws Exception {
    policy("enforce");
    List<String> order = new java.util.ArrayList<>(AROUND);
    order.add("plain:" + plain.baseUrl() + "/models");
    order.addAll(GOVERNED);
    ChildJvm.Result r = s.jvm().classPath(classPath()).jvmArg("-Dcordon.log=debug").run(MAIN, steps(order));
    assertTrue(r.stderr().contains("woven connect into java.net.Socket"), r.stderr());

    for (int i = 0; i < AROUND.size(); i++) {
      String line = r.step(i + 1);
      assertTrue(line.startsWith("DENIED dev.cordon.CordonAccessDeniedException") && line.contains("net.connect"),
          AROUND.get(i) + " must be refused at connect: " + r);
    }
    assertTrue(r.step(6).startsWith("OK HTTP/1.1 200"), "a host that is no AI endpoint is untouched: " + r);
    for (int i = 0; i < GOVERNED.size(); i++) {
      assertTrue(r.step(7 + i).startsWith("OK"), GOVERNED.get(i) + " is governed and must still work: " + r);
    }

    var wire = s.fake.requests();
    for (String way : AROUND) {
      assertTrue(wire.stream().noneMatch(q -> q.body().contains("via-" + way)), way + " reached the provider: " + wire);
    }
    assertEquals(GOVERNED.size(), wire.size(), wire.toString());
    for (String way : GOVERNED) {
      assertEquals(1, wire.stream().filter(q -> q.body().contains("\"via-" + way + "\"")).count(), way + ": " + wire);
    }
    assertEquals(1, plain.requests().size());

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> denied = connectsToFake(audit);
    assertEquals(AROUND.size(), denied.size(), "one entry per refused connect, none for governed clients: " + audit);
    List<String> transports = denied.stream().map(e -> e.path("transport").asText()).toList();
    assertEquals(List.of("socket", "socket", "socket", "nio", "nio-async"), transports, audit.toString());
    for (JsonNode e : denied) {
      assertEquals("blocked", e.path("outcome").asText(), e.toString());
      assertEquals("deny", e.path("decision").asText(), e.toString());
      assertEquals("enforce", e.path("mode").asText(), e.toString());
      assertEquals("support-bot", e.path("principal").asText(), e.toString());
      assertEquals("openai", e.path("provider").asText(), e.toString());
      assertTrue(e.path("caller").asText().startsWith("com.acme.support.raw.BackstopMain"), e.toString());
      assertTrue(e.path("reason").asText().contains("not made by a client Cordon governs"), e.toString());
    }
    assertTrue(audit.where(e -> e.path("resource").asText().endsWith(":" + plain.port())).isEmpty(), audit.toString());
    List<JsonNode> chats = audit.withAction("model.chat");
    assertEquals(GOVERNED.size(), chats.size(), "exactly one entry per governed call: " + audit);
    assertTrue(chats.stream().allMatch(e -> e.path("outcome").asText().equals("allowed")), audit.toString());
  }

  @Test
  void monitorLetsThemThroughAndAuditsWouldBlock() throws Exception {
    policy("monitor");
    List<String> ways = List.of("shaded", "socket", "nio");
    ChildJvm.Result r = s.jvm().classPath(classPath()).run(MAIN, steps(ways));
    assertTrue(r.step(1).startsWith("OK 200"), r.toString());
    assertTrue(r.step(2).startsWith("OK HTTP/1.1 200"), r.toString());
    assertTrue(r.step(3).startsWith("OK HTTP/1.1 200"), r.toString());
    assertEquals(3, s.fake.requests().size(), s.fake.requests().toString());

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> seen = connectsToFake(audit);
    assertEquals(3, seen.size(), audit.toString());
    for (JsonNode e : seen) {
      assertEquals("would_block", e.path("outcome").asText(), e.toString());
      assertEquals("monitor", e.path("mode").asText(), e.toString());
    }
  }

  @Test
  void notWovenWhenThePolicyGovernsNoAiTraffic() throws Exception {
    s.policy("""
        version: 1
        mode: enforce
        principals:
          - id: support-bot
            match: { code: ["com.acme.support.**"] }
        rules:
          - id: reads
            effect: allow
            principals: [support-bot]
            actions: [dataset.read]
            resources: ["dataset:*"]
        """);
    ChildJvm.Result r = s.jvm().jvmArg("-Dcordon.log=debug").run(MAIN, "await-policy", "socket",
        "plain:" + plain.baseUrl() + "/models");
    assertTrue(r.step(1).startsWith("OK HTTP/1.1"), r.toString());
    assertTrue(r.step(2).startsWith("OK HTTP/1.1 200"), r.toString());
    assertTrue(r.stderr().contains("loaded"), r.stderr());
    // The enforce test shows the same debug log naming the weave when the policy does govern AI traffic.
    assertTrue(!r.stderr().contains("java.net.Socket") && !r.stderr().contains("SocketChannelImpl"),
        "the connect funnels are left alone: " + r.stderr());
    assertTrue(s.audit().withAction("net.connect").isEmpty());
  }

  @Test
  void java25() throws Exception {
    String java25 = "/usr/lib/jvm/temurin-25-jdk-amd64";
    Assumptions.assumeTrue(Files.isDirectory(Paths.get(java25)));
    policy("enforce");
    List<String> order = List.of("shaded", "socket", "tls", "nio", "aio", "jdk", "jdk-async", "okhttp", "okhttp-async",
        "urlconnection", "sdk-async");
    ChildJvm.Result r = s.jvm().javaHome(java25).classPath(classPath()).run(MAIN, steps(order));
    for (int i = 0; i < 5; i++) assertTrue(r.step(i + 1).startsWith("DENIED"), order.get(i) + ": " + r);
    for (int i = 5; i < order.size(); i++) assertTrue(r.step(i + 1).startsWith("OK"), order.get(i) + ": " + r);
    assertEquals(6, s.fake.requests().size(), s.fake.requests().toString());
    AuditFile audit = s.audit();
    assertEquals(5, connectsToFake(audit).size(), audit.toString());
    assertEquals(6, audit.withAction("model.chat").size(), audit.toString());
  }
}
