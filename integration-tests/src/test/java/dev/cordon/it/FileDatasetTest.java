package dev.cordon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * File datasets under the real agent: every JDK path to a file, on Java 17 and 25, decided on the
 * real path; what the application read (or could not), what is on disk, and what was audited.
 */
class FileDatasetTest {
  static final String POLICY = """
      version: 1
      mode: enforce
      principals:
        - id: trainer
          match: { code: ["com.acme.training.**"] }
        - id: analyst
          match: { code: ["com.acme.data.**"] }
      datasets:
        - id: prod-customers
          env: production
          labels: [pii]
          files: ["data/prod/**"]
        - id: training-corpus
          env: training
          files: ["data/training/**"]
      rules:
        - id: trainer-reads-training
          effect: allow
          principals: [trainer]
          actions: [dataset.read]
          resources: ["dataset:training-corpus"]
        - id: analyst-reads-prod
          effect: allow
          principals: [analyst]
          actions: [dataset.read]
          resources: ["dataset:prod-customers"]
      """;

  static final String CUSTOMERS = "id,email\n1,ann@example.com\n";
  static final String CORPUS = "the quick brown fox\n";
  static final List<String> READS = List.of("fis", "reader", "scanner", "raf", "nin", "nbr", "nbc", "readAllBytes",
      "readString", "readAllLines", "lines", "fc", "mmap", "afc");
  static final List<String> WRITES = List.of("fos", "writer", "rafrw", "nout", "nbw", "write", "writeString", "copyin");
  static final Path JDK25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64");

  Scenario s;
  Path customers;
  Path corpus;

  @BeforeEach
  void setUp() throws Exception {
    s = new Scenario();
    s.policy(POLICY);
    Files.createDirectories(s.dir.resolve("data/prod"));
    Files.createDirectories(s.dir.resolve("data/training"));
    Files.createDirectories(s.dir.resolve("tmp"));
    customers = Files.writeString(s.dir.resolve("data/prod/customers.csv"), CUSTOMERS).toRealPath();
    corpus = Files.writeString(s.dir.resolve("data/training/corpus.txt"), CORPUS).toRealPath();
    zip(s.dir.resolve("data/prod/archive.zip"));
    zip(s.dir.resolve("data/training/archive.jar"));
  }

  @AfterEach
  void tearDown() {
    s.close();
  }

  private ChildJvm jvm(String java) {
    ChildJvm j = s.jvm();
    if (java.equals("25")) {
      assumeTrue(Files.isExecutable(JDK25.resolve("bin/java")), "no Java 25 on this machine");
      j.javaHome(JDK25.toString());
    }
    return j;
  }

  private static List<String> steps(List<String> kinds, String path) {
    List<String> out = new ArrayList<>();
    for (String k : kinds) out.add(k + ":" + path);
    return out;
  }

  @ParameterizedTest(name = "Java {0}")
  @ValueSource(strings = {"17", "25"})
  void everyReadPathToProductionIsBlockedForTheTrainer(String java) throws Exception {
    List<String> steps = new ArrayList<>(steps(READS, "data/prod/customers.csv"));
    steps.add("zip:data/prod/archive.zip");
    steps.add("jar:data/prod/archive.zip");
    steps.add("copy:data/prod/customers.csv>tmp/stolen.csv");
    ChildJvm.Result r = jvm(java).run("com.acme.training.TrainerFilesMain", steps.toArray(String[]::new));
    for (int i = 1; i <= steps.size(); i++) {
      String line = r.step(i);
      assertTrue(line.startsWith("DENIED dev.cordon.CordonAccessDeniedException: Cordon denied: principal 'trainer' "
          + "may not dataset.read on dataset:prod-customers"), steps.get(i - 1) + ": " + line + "\n" + r);
    }
    assertFalse(r.stdout().contains("ann@example.com"), r.toString());
    assertFalse(Files.exists(s.dir.resolve("tmp/stolen.csv")), "the copy must not have been made");

    AuditFile audit = s.audit();
    audit.assertChainIntact();
    List<JsonNode> reads = audit.withAction("dataset.read");
    assertEquals(steps.size(), reads.size(), audit.toString());
    for (JsonNode e : reads) {
      assertEquals("trainer", e.path("principal").asText());
      assertEquals("dataset:prod-customers", e.path("resource").asText());
      assertEquals("prod-customers", e.path("dataset").asText());
      assertEquals("deny", e.path("decision").asText());
      assertEquals("blocked", e.path("outcome").asText());
      assertEquals("enforce", e.path("mode").asText());
      assertTrue(e.path("rule").isNull(), e.toString());
      assertTrue(e.path("caller").asText().startsWith("com.acme.training.TrainerFilesMain.main("), e.toString());
      assertTrue(e.path("path").asText().startsWith(customers.getParent().toString() + "/"), e.toString());
    }
    assertEquals(customers.toString(), reads.get(0).path("path").asText());
  }

  @ParameterizedTest(name = "Java {0}")
  @ValueSource(strings = {"17", "25"})
  void everyReadPathWorksOnAnAllowedDatasetAndIsAudited(String java) throws Exception {
    List<String> steps = new ArrayList<>(steps(READS, "data/training/corpus.txt"));
    steps.add("jar:data/training/archive.jar");
    ChildJvm.Result r = jvm(java).run("com.acme.training.TrainerFilesMain", steps.toArray(String[]::new));
    for (int i = 1; i <= READS.size(); i++) {
      assertTrue(r.step(i).startsWith("OK the quick brown fox"), READS.get(i - 1) + ": " + r.step(i) + "\n" + r);
    }
    assertEquals("OK entries=1", r.step(READS.size() + 1));
    List<JsonNode> reads = s.audit().withAction("dataset.read");
    assertEquals(steps.size(), reads.size(), s.audit().toString());
    for (JsonNode e : reads) {
      assertEquals("allow", e.path("decision").asText());
      assertEquals("allowed", e.path("outcome").asText());
      assertEquals("trainer-reads-training", e.path("rule").asText());
      assertEquals("training-corpus", e.path("dataset").asText());
    }
    assertEquals(corpus.toString(), reads.get(0).path("path").asText());
  }

  @ParameterizedTest(name = "Java {0}")
  @ValueSource(strings = {"17", "25"})
  void writesAreDatasetWritesAndAReadOnlyGrantBlocksThem(String java) throws Exception {
    List<String> steps = new ArrayList<>(steps(WRITES, "data/prod/customers.csv"));
    steps.add("write:data/prod/new.csv");
    steps.add("copy:data/training/corpus.txt>data/prod/corpus-copy.txt");
    steps.add("readString:data/prod/customers.csv");
    ChildJvm.Result r = jvm(java).run("com.acme.data.AnalystFilesMain", steps.toArray(String[]::new));
    for (int i = 1; i <= WRITES.size() + 1; i++) {
      assertTrue(r.step(i).contains("may not dataset.write on dataset:prod-customers"), steps.get(i - 1) + ": " + r);
    }
    // The copy's source is another dataset the analyst may not read; its target is not writable either.
    assertTrue(r.step(WRITES.size() + 2).startsWith("DENIED "), r.toString());
    assertEquals("OK " + CUSTOMERS.replace('\n', '|'), r.step(WRITES.size() + 3), "reads stay allowed");
    assertEquals(CUSTOMERS, Files.readString(customers), "nothing was written");
    assertFalse(Files.exists(s.dir.resolve("data/prod/new.csv")));
    assertFalse(Files.exists(s.dir.resolve("data/prod/corpus-copy.txt")));
    List<JsonNode> writes = s.audit().withAction("dataset.write");
    assertTrue(writes.size() >= WRITES.size() + 1, s.audit().toString());
    for (JsonNode e : writes) assertEquals("blocked", e.path("outcome").asText());
  }

  @ParameterizedTest(name = "Java {0}")
  @ValueSource(strings = {"17", "25"})
  void aliasesCannotReachADatasetWithoutBeingGoverned(String java) throws Exception {
    Path dir = s.dir;
    Files.createSymbolicLink(dir.resolve("tmp/prod-link"), dir.resolve("data/prod"));
    Files.createSymbolicLink(dir.resolve("tmp/file-link.csv"), customers);
    Files.createSymbolicLink(dir.resolve("tmp/relative-link.csv"), Paths.get("../data/prod/customers.csv"));
    Files.createSymbolicLink(dir.resolve("tmp/dangling.csv"), dir.resolve("data/prod/planted.csv"));
    String[] steps = {
        "readString:tmp/prod-link/customers.csv",
        "fis:" + dir + "/tmp/file-link.csv",
        "nin:tmp/relative-link.csv",
        "raf:/proc/self/root" + customers,
        "fis:/proc/self/cwd/data/prod/customers.csv",
        "readString:tmp/../data/./prod//customers.csv",
        "fis:data/training/../prod/customers.csv",
        "fos:tmp/dangling.csv",
        "writeString:tmp/prod-link/planted2.csv",
        "sds:data/prod>customers.csv",
        "sdsDelete:tmp/prod-link>customers.csv",
    };
    ChildJvm.Result r = jvm(java).run("com.acme.training.TrainerFilesMain", steps);
    for (int i = 1; i <= steps.length; i++) {
      assertTrue(r.step(i).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), steps[i - 1] + ": " + r);
    }
    assertFalse(r.stdout().contains("ann@example.com"), r.toString());
    assertFalse(Files.exists(dir.resolve("data/prod/planted.csv")), "a dangling link must not plant a file");
    assertFalse(Files.exists(dir.resolve("data/prod/planted2.csv")));
    assertTrue(Files.exists(customers), "not deleted through a SecureDirectoryStream");
    List<JsonNode> entries = s.audit().where(e -> e.path("action").asText().startsWith("dataset."));
    assertEquals(steps.length, entries.size(), s.audit().toString());
    for (int i = 0; i < 7; i++) assertEquals(customers.toString(), entries.get(i).path("path").asText());
    assertEquals(customers.getParent().resolve("planted.csv").toString(), entries.get(7).path("path").asText());
  }

  @ParameterizedTest(name = "Java {0}")
  @ValueSource(strings = {"17", "25"})
  void linksAndRenamesMadeInsideTheJvmAreSeenAtOnce(String java) throws Exception {
    Files.writeString(s.dir.resolve("tmp/notes.txt"), "harmless\n");
    Files.createDirectories(s.dir.resolve("tmp/sub"));
    String[] steps = {
        "readString:tmp/notes.txt",                               // clean, now cached
        "symlink:tmp/notes.txt>" + customers,                     // swapped for a link into production
        "readString:tmp/notes.txt",                               // must not be answered from the cache
        "hardlink:tmp/hard.csv>data/prod/customers.csv",          // an alias no real path can see through
        "move:data/prod/customers.csv>tmp/moved.csv",             // taking the file out of the dataset
        "renameTo:data/prod/customers.csv>tmp/renamed.csv",
        "delete:data/prod/customers.csv",
        "fileDelete:data/prod/customers.csv",
        "move:tmp/sub>tmp/sub/inner",                             // rename(2) fails inside the woven funnel
    };
    // The JVM does not verify JDK classes unless told to: it must, to check the woven funnels' frames.
    ChildJvm.Result r = jvm(java).jvmArg("-XX:+UnlockDiagnosticVMOptions").jvmArg("-XX:+BytecodeVerificationLocal")
        .run("com.acme.training.TrainerFilesMain", steps);
    assertEquals("OK harmless|", r.step(1), r.toString());
    assertTrue(r.step(2).startsWith("OK "), r.toString());
    for (int i = 3; i <= 8; i++) assertTrue(r.step(i).startsWith("DENIED "), steps[i - 1] + ": " + r);
    assertTrue(r.step(4).contains("dataset.read"), r.step(4));
    assertTrue(r.step(5).contains("dataset.write"), r.step(5));
    // The funnel's own exception reaches the application unchanged, past the woven exit handler.
    assertTrue(r.step(9).startsWith("FAIL java.nio.file.FileSystemException"), r.step(9));
    assertFalse(Files.exists(s.dir.resolve("tmp/hard.csv")));
    assertFalse(Files.exists(s.dir.resolve("tmp/moved.csv")));
    assertFalse(Files.exists(s.dir.resolve("tmp/renamed.csv")));
    assertEquals(CUSTOMERS, Files.readString(customers));
  }

  /**
   * Every funnel is woven by the class-file patcher, with not one ASM class loaded, and the JVM
   * verifies what it wrote: JDK classes are verified only when told to (BytecodeVerificationLocal;
   * without it a woven funnel with a wrong stack map frame is accepted silently, with it the
   * retransform fails with a VerifyError, reported as agent.instrumentation_failed; both checked with
   * a deliberately wrong frame). Each funnel is passed through once denied and once allowed, so its
   * entry call, its inserted exit calls and (for UnixSecureDirectoryStream, woven as it loads) its
   * constructor's exit call all run.
   */
  @ParameterizedTest(name = "Java {0}")
  @ValueSource(strings = {"17", "25"})
  void theFunnelsArePatchedWithoutAsmAndPassTheVerifier(String java) throws Exception {
    Path classes = s.dir.resolve("classes.log");
    String[] denied = {
        "fis:data/prod/customers.csv",                      // FileInputStream.open
        "raf:data/prod/customers.csv",                      // RandomAccessFile.open
        "readString:data/prod/customers.csv",               // UnixNativeDispatcher.open
        "fos:data/prod/planted.csv",                        // FileOutputStream.open
        "renameTo:data/prod/customers.csv>tmp/renamed.csv", // UnixFileSystem.rename
        "fileDelete:data/prod/customers.csv",               // UnixFileSystem.delete
        "delete:data/prod/customers.csv",                   // UnixNativeDispatcher.unlink
        "move:data/prod/customers.csv>tmp/moved.csv",       // UnixNativeDispatcher.rename
        "hardlink:tmp/hard.csv>data/prod/customers.csv",    // UnixNativeDispatcher.link
        "sds:data/prod>customers.csv",                      // UnixSecureDirectoryStream.newByteChannel
        "sdsDelete:data/prod>customers.csv",                // UnixSecureDirectoryStream.deleteFile
    };
    String[] allowed = {
        "sds:data/training>corpus.txt",
        "writeString:tmp/a.txt",
        "renameTo:tmp/a.txt>tmp/b.txt",
        "move:tmp/b.txt>tmp/c.txt",
        "symlink:tmp/link.txt>" + s.dir.resolve("tmp/c.txt"),
        "readString:tmp/link.txt",
        "delete:tmp/link.txt",
        "fileDelete:tmp/c.txt",
    };
    List<String> steps = new ArrayList<>(List.of(denied));
    steps.addAll(List.of(allowed));
    ChildJvm.Result r = jvm(java).jvmArg("-XX:+UnlockDiagnosticVMOptions").jvmArg("-XX:+BytecodeVerificationLocal")
        .jvmArg("-Xlog:class+load:file=" + classes).run("com.acme.training.TrainerFilesMain", steps.toArray(String[]::new));
    for (int i = 1; i <= denied.length; i++) {
      assertTrue(r.step(i).startsWith("DENIED dev.cordon.CordonAccessDeniedException"), steps.get(i - 1) + ": " + r);
    }
    for (int i = denied.length + 1; i <= steps.size(); i++) {
      assertTrue(r.step(i).startsWith("OK "), steps.get(i - 1) + ": " + r);
    }
    assertEquals("OK " + CORPUS.replace('\n', '|'), r.step(denied.length + 1), r.toString());
    assertEquals("OK writeString|", r.step(denied.length + 6), r.toString());
    assertEquals(CUSTOMERS, Files.readString(customers));
    assertFalse(Files.exists(s.dir.resolve("tmp/c.txt")));

    String loaded = Files.readString(classes);
    assertTrue(loaded.contains(" dev.cordon.agent.instrument.classfile.ClassPatcher "), "the patcher wove them");
    assertTrue(loaded.contains(" sun.nio.fs.UnixSecureDirectoryStream "), "woven as it loaded");
    assertFalse(loaded.contains("net.bytebuddy.jar.asm."), "no ASM class may load on the usual path");
    AuditFile audit = s.audit();
    assertTrue(audit.withAction("agent.instrumentation_failed").isEmpty(), audit.toString());
    assertTrue(audit.withAction("agent.error").isEmpty(), audit.toString());
  }

  @Test
  void monitorModeLetsTheReadThroughAndAuditsWouldBlock() throws Exception {
    s.policy(POLICY.replace("mode: enforce", "mode: monitor"));
    ChildJvm.Result r = s.jvm().run("com.acme.training.TrainerFilesMain", "readString:data/prod/customers.csv");
    assertEquals("OK " + CUSTOMERS.replace('\n', '|'), r.step(1), r.toString());
    JsonNode e = s.audit().withAction("dataset.read").get(0);
    assertEquals("deny", e.path("decision").asText());
    assertEquals("would_block", e.path("outcome").asText());
    assertEquals("monitor", e.path("mode").asText());
  }

  @Test
  void theJdksOwnFilesAndTheAgentsOwnFilesAreNeverGoverned() throws Exception {
    // Datasets that cover the JDK's folder and the policy's folder (policy and audit log included),
    // with no rule allowing anything: every access by the application to them is denied...
    String javaHome = Paths.get(System.getProperty("java.home")).toRealPath().toString();
    s.policy("""
        version: 1
        mode: enforce
        principals:
          - id: trainer
            match: { code: ["com.acme.training.**"] }
        datasets:
          - id: jdk
            files: ["%s/**"]
          - id: here
            files: ["**"]
        """.formatted(javaHome));
    ChildJvm.Result r = s.jvm().run("com.acme.training.JdkReadsMain", "readString:cordon.yaml", "fis:" + javaHome
        + "/release");
    // ...but the JDK still reads its time zones and trust store, and the agent its policy and log.
    assertTrue(r.stdout().startsWith("JDK OK Europe/Paris Asia/Tokyo"), r.toString());
    assertTrue(r.step(1).startsWith("DENIED ") && r.step(1).contains("dataset:here"), r.toString());
    assertTrue(r.step(2).startsWith("OK "), "the JDK's files are never a dataset: " + r);
    AuditFile audit = s.audit();
    audit.assertChainIntact();
    assertEquals("loaded", audit.withAction("policy.load").get(0).path("outcome").asText());
    List<JsonNode> dataset = audit.where(e -> e.path("action").asText().startsWith("dataset."));
    assertEquals(1, dataset.size(), "only the application's own read of cordon.yaml: " + audit);
    assertTrue(audit.withAction("agent.instrumentation_failed").isEmpty(), audit.toString());
  }

  @Test
  void withoutFileDatasetsTheJdkIsNotWoven() throws Exception {
    s.policy("""
        version: 1
        mode: enforce
        principals:
          - id: trainer
            match: { code: ["com.acme.training.**"] }
        """);
    // The agent never holds a short-lived app at exit for its policy: the app stays up long enough
    // for the policy (and so the audit file) to load, whatever the class path makes its start-up cost.
    ChildJvm.Result r = s.jvm().jvmArg("-Dcordon.log=debug").run("com.acme.training.TrainerFilesMain",
        "readString:data/prod/customers.csv", "sleep:3000");
    assertTrue(r.step(1).startsWith("OK id,email"), r.toString());
    assertFalse(r.stderr().contains("JDK file funnels woven"), r.stderr());
    // A JVM that ends before the policy finished loading may write no audit file at all (the exit
    // never waits for the policy); if there is one, it holds no dataset entry.
    if (java.nio.file.Files.exists(s.dir.resolve("cordon-audit.jsonl"))) {
      assertTrue(s.audit().where(e -> e.path("action").asText().startsWith("dataset.")).isEmpty());
    }

    s.policy(POLICY);
    ChildJvm.Result governed = s.jvm().jvmArg("-Dcordon.log=debug").run("com.acme.training.TrainerFilesMain",
        "readString:data/prod/customers.csv");
    assertTrue(governed.stderr().contains("JDK file funnels woven"), governed.stderr());
    assertTrue(governed.step(1).startsWith("DENIED "), governed.toString());
  }

  private static void zip(Path file) throws Exception {
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
      z.putNextEntry(new ZipEntry("inside.txt"));
      z.write("zipped\n".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
  }
}
