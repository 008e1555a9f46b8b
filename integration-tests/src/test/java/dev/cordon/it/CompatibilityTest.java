package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The agent's isolation from the application's own libraries, the oldest supported SDK, and newer JDKs. */
class CompatibilityTest {
  Scenario s;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
    s.policy(OpenAiEnforceTest.POLICY);
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  @Test
  void applicationWithOldJacksonByteBuddyAndSlf4jRunsUnchanged() throws Exception {
    Path old = Paths.get(System.getProperty("cordon.old.libs"));
    String cp;
    try (Stream<Path> jars = Files.list(old)) {
      cp = Paths.get("target/test-classes").toAbsolutePath() + File.pathSeparator
          + jars.map(Path::toString).sorted().collect(Collectors.joining(File.pathSeparator));
    }
    ChildJvm.Result without = s.jvm().noAgent().classPath(cp).run("com.acme.support.OldLibrariesMain");
    // Debug logging on: the agent then logs the most, and none of it may reach the app's binding,
    // nor may the app's own lines be captured by the agent's logger.
    ChildJvm.Result with = s.jvm().classPath(cp).jvmArg("-Dcordon.log=debug").run("com.acme.support.OldLibrariesMain");
    assertEquals(0, with.exit(), with.toString());
    assertTrue(with.stderr().lines().anyMatch(l -> l.equals("[main] INFO com.acme.support.OldLibrariesMain - application log line 42")),
        "the application's line goes through its own slf4j-simple binding, unprefixed: " + with.stderr());
    assertTrue(with.stderr().lines().filter(l -> l.startsWith("[cordon]")).noneMatch(l -> l.contains("application log line")),
        with.stderr());
    assertTrue(with.stderr().lines().filter(l -> l.startsWith("[main] INFO")).allMatch(l -> l.contains("com.acme.")),
        "no agent line went through the application's binding: " + with.stderr());
    assertTrue(with.stdout().contains("jackson 2.12.7"), with.stdout());
    assertTrue(with.stdout().matches("(?s).*bytebuddy \\S*byte-buddy-1.10.22.jar made by old byte buddy.*"), with.stdout());
    assertEquals(without.stdout(), with.stdout(), "the application sees exactly its own libraries");
    assertTrue(with.stderr().contains("[cordon] policy"), with.stderr());
    assertFalse(with.stderr().contains("SLF4J"), "the agent's logging never binds to the app's: " + with.stderr());
  }

  @Test
  void agentWeavesWhileTheApplicationUsesItsOwnByteBuddy() throws Exception {
    String cp = ChildJvm.defaultClassPath();
    Path old = Paths.get(System.getProperty("cordon.old.libs"));
    cp = old.resolve("byte-buddy-1.10.22.jar") + File.pathSeparator + cp;
    ChildJvm.Result r = s.jvm().classPath(cp).jvmArg("-Dcordon.log=debug")
        .run("com.acme.support.OldLibrariesMain", "com.openai.core.PrepareRequest");
    assertTrue(r.stdout().contains("loaded com.openai.core.PrepareRequest"), r.toString());
    assertTrue(r.stderr().contains("woven prepare into com.openai.core.PrepareRequest"), r.stderr());
  }

  @Test
  void oldestOpenAiJava2IsGoverned() throws Exception {
    String cp = Paths.get("target/test-classes").toAbsolutePath() + File.pathSeparator
        + Files.readString(Paths.get(System.getProperty("cordon.openai.oldest.classpath"))).trim();
    assertTrue(cp.contains("openai-java-core-2.0.0.jar"), cp);
    ChildJvm.Result r = s.jvm().classPath(cp).run("com.acme.support.SupportMain",
        "chat:gpt-4o-mini", "chat:gpt-4o", "stream:gpt-4o-mini:usage", "async:gpt-4o-mini", "embed:text-embedding-3-small",
        "chat:gpt-4o-mini:max=4096");
    assertTrue(r.step(1).startsWith("OK gpt-4o-mini"), r.toString());
    assertTrue(r.step(2).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), r.toString());
    assertTrue(r.step(3).startsWith("OK streamed"), r.toString());
    assertTrue(r.step(4).startsWith("OK async"), r.toString());
    assertTrue(r.step(5).startsWith("OK embedding"), r.toString());
    assertTrue(r.step(6).startsWith("DENIED"), r.toString());
    assertEquals(4, s.fake.requests().size());
    AuditFile audit = s.audit();
    audit.assertChainIntact();
    assertEquals(5, audit.withAction("model.chat").size(), audit.toString());
  }

  @Test
  void runsOnJava25() throws Exception {
    Path jdk25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64");
    assumeTrue(Files.isExecutable(jdk25.resolve("bin/java")), "no Java 25 on this machine");
    ChildJvm.Result r = s.jvm().javaHome(jdk25.toString())
        .run("com.acme.support.SupportMain", "chat:gpt-4o-mini", "chat:gpt-4o", "async:gpt-4o-mini");
    assertTrue(r.step(1).startsWith("OK"), r.toString());
    assertTrue(r.step(2).startsWith("DENIED"), r.toString());
    assertTrue(r.step(3).startsWith("OK async"), r.toString());
    assertEquals(2, s.fake.requests().size());
    s.audit().assertChainIntact();
  }

  /**
   * The boot classes are defined into the boot loader, not appended to the boot class path: an
   * append makes the JVM turn class-data sharing off for every class outside the boot loader, so an
   * application's own CDS archive would go unused. Archive made without the agent, used with it.
   */
  @ParameterizedTest(name = "Java {0}")
  @ValueSource(strings = {"17", "25"})
  void theApplicationsClassDataSharingArchiveStaysInUse(String java) throws Exception {
    String home = System.getProperty("java.home");
    if (java.equals("25")) {
      Path jdk25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64");
      assumeTrue(Files.isExecutable(jdk25.resolve("bin/java")), "no Java 25 on this machine");
      home = jdk25.toString();
    }
    // CDS takes jars only on the class path.
    Path jar = s.dir.resolve("cds-app.jar");
    String entry = "com/acme/support/CdsMain.class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(entry));
      out.write(Files.readAllBytes(Paths.get("target/test-classes").resolve(entry)));
    }
    Path archive = s.dir.resolve("app.jsa");
    ChildJvm.Result dump = s.jvm().noAgent().javaHome(home).classPath(jar.toString())
        .jvmArg("-XX:ArchiveClassesAtExit=" + archive).run("com.acme.support.CdsMain");
    assertTrue(Files.size(archive) > 0, dump.toString());

    Path log = s.dir.resolve("classes.log");
    ChildJvm.Result r = s.jvm().javaHome(home).classPath(jar.toString()).jvmArg("-XX:SharedArchiveFile=" + archive)
        .jvmArg("-Xlog:class+load=info:file=" + log).run("com.acme.support.CdsMain");
    assertEquals(0, r.exit(), r.toString());
    assertFalse(r.toString().contains("Sharing is only supported"), r.toString());
    String loaded = Files.readString(log);
    assertTrue(loaded.contains("com.acme.support.CdsMain source: shared objects file"), r + "\n" + loaded);
    assertTrue(loaded.contains("java.sql.Connection source: shared objects file"), loaded);
    assertTrue(loaded.contains("dev.cordon.bootstrap.Dispatch source: __JVM_DefineClass__"), loaded);
  }

  @Test
  void reflectionCannotSwitchTheAgentOff() throws Exception {
    ChildJvm.Result r = s.jvm().run("com.acme.support.TamperMain", "chat:gpt-4o");
    assertFalse(r.stdout().contains("TAMPERED"), r.toString());
    assertTrue(r.stdout().contains("REFUSED hooks"), r.toString());
    assertTrue(r.stdout().contains("HIDDEN agent internals"), "the agent's classes are not on the app's class path\n" + r);
    assertTrue(r.stdout().contains("GUARD tryEnter=false"), r.toString());
    assertTrue(r.stdout().contains("LOADER dispatch=null deny=null"), "boot classes in the boot loader\n" + r);
    assertTrue(r.stdout().contains("CLOSED jdk.internal.misc IllegalAccessException"), r.toString());
    assertTrue(r.stdout().contains("CLOSED java.lang InaccessibleObjectException"), r.toString());
    assertTrue(r.step(1).startsWith("DENIED"), r.toString());
    assertEquals(0, s.fake.requests().size());
  }
}
