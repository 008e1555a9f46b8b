package dev.cordon.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Spec 3, http_header principals: the header of the inbound request a servlet serves decides the
 * principal, without source changes, also in async work started while serving it (a thread pool,
 * CompletableFuture.supplyAsync). Three containers: jakarta.servlet on embedded Tomcat 11, javax.servlet
 * on embedded Tomcat 9, and a Spring Boot 3 app run as a fat jar.
 */
class ServletPrincipalTest {
  static final String POLICY = """
      version: 1
      mode: enforce
      principals:
        - id: analyst
          match: { http_header: { name: X-Role, equals: analyst } }
      models:
        - { id: chat-small, provider: openai, model: "gpt-4o-mini*" }
      rules:
        - { id: analyst-chat, effect: allow, principals: [analyst], actions: [model.chat], resources: ["model:chat-small"] }
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

  private ChildJvm.Result run(String container, String... steps) throws Exception {
    return switch (container) {
      case "tomcat11-jakarta" -> s.jvm().run("com.acme.web.jakarta.TomcatSupportApp", steps);
      case "tomcat9-javax" -> {
        Path target = Paths.get(System.getProperty("cordon.app.servlet-javax"));
        Path jar;
        try (var files = Files.list(target)) {
          jar = files.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        yield s.jvm().classPath(jar + File.pathSeparator + Files.readString(target.resolve("classpath.txt")).trim())
            .run("com.acme.web.javax.TomcatSupportApp", steps);
      }
      case "spring-boot3-fat-jar" -> s.jvm().jar(Paths.get(System.getProperty("cordon.app.boot3.jar"))).run("-", steps);
      default -> throw new IllegalArgumentException(container);
    };
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tomcat11-jakarta", "tomcat9-javax", "spring-boot3-fat-jar"})
  void theInboundRequestsHeaderDecidesThePrincipalAlsoInAsyncWork(String container) throws Exception {
    ChildJvm.Result r = run(container, "sync:analyst", "sync:intern", "sync:-", "pool:analyst", "pool:-", "cf:analyst",
        "cf:-", "pool:intern");
    String ok = "OK Echo: Where is my order 1234?";
    assertEquals(ok, r.step(1), r.toString());
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException: Cordon denied: principal 'anonymous'"),
        r.toString());
    assertTrue(r.step(3).startsWith("DENIED"), r.toString());
    assertEquals(ok, r.step(4), "a pool task carries the request's headers: " + r);
    assertTrue(r.step(5).startsWith("DENIED"), "a pool thread that served analyst before keeps nothing: " + r);
    assertEquals(ok, r.step(6), "CompletableFuture.supplyAsync carries them: " + r);
    assertTrue(r.step(7).startsWith("DENIED"), r.toString());
    assertTrue(r.step(8).startsWith("DENIED"), r.toString());
    assertEquals(3, s.fake.requests().size(), "only the analyst's calls reach the provider");

    List<JsonNode> calls = s.audit().withAction("model.chat");
    assertEquals(8, calls.size(), s.audit().toString());
    List<String> principals = calls.stream().map(e -> e.path("principal").asText()).toList();
    assertEquals(List.of("analyst", "anonymous", "anonymous", "analyst", "anonymous", "analyst", "anonymous", "anonymous"),
        principals);
    assertTrue(!calls.get(3).path("thread").asText().startsWith("http-nio"), "the pool call ran off the request thread: "
        + calls.get(3));
  }
}
