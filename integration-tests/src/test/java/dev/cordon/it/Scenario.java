package dev.cordon.it;

import dev.cordon.examples.fake.FakeOpenAiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** One test's world: a temporary working folder with a policy, a fake provider on 127.0.0.1, and the child JVM. */
public final class Scenario implements AutoCloseable {
  public final Path dir;
  public final FakeOpenAiServer fake;

  public Scenario() throws IOException {
    dir = Files.createTempDirectory("cordon-it");
    fake = FakeOpenAiServer.start();
  }

  /** Writes {@code cordon.yaml} in the working folder; {@code %PORT%} becomes the fake's port. */
  public Path policy(String yaml) throws IOException {
    return write("cordon.yaml", yaml);
  }

  public Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Path tmp = dir.resolve(name + ".tmp");
    Files.writeString(tmp, text.replace("%PORT%", Integer.toString(fake.port())), StandardCharsets.UTF_8);
    Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return p;
  }

  public ChildJvm jvm() {
    return new ChildJvm().workDir(dir).jvmArg("-Dfake.url=" + fake.baseUrl()).jvmArg("-Dfake.root=" + fake.rootUrl());
  }

  public ChildJvm.Result support(String... steps) throws Exception {
    return jvm().run("com.acme.support.SupportMain", steps);
  }

  /** Runs a library's test app ({@link com.acme.shared.Steps} subclass) as principal support-bot. */
  public ChildJvm.Result support(Class<?> steps, String... args) throws Exception {
    return jvm().run("com.acme.support.Support", prepend(steps.getName(), args));
  }

  /** Runs a library's test app as principal trainer. */
  public ChildJvm.Result trainer(Class<?> steps, String... args) throws Exception {
    return jvm().run("com.acme.training.Trainer", prepend(steps.getName(), args));
  }

  static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  public AuditFile audit() throws IOException {
    return AuditFile.read(dir.resolve("cordon-audit.jsonl"));
  }

  @Override
  public void close() {
    fake.close();
  }
}
