package dev.cordon.bench.jvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * An agent whose {@code premain} does nothing: the start-up baseline for what any
 * {@code -javaagent} costs (the JVM loads java.instrument and switches its archived module graph
 * off), measured in the same runs as Cordon.
 */
public final class NoopAgent {
  private NoopAgent() {}

  public static void premain(String args, java.lang.instrument.Instrumentation inst) {
    // nothing: that is the point
  }

  /** Writes this class alone into an agent jar in {@code dir}. */
  static Path jar(Path dir) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), NoopAgent.class.getName());
    Path jar = dir.resolve("noop-agent.jar");
    String entry = NoopAgent.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream in = NoopAgent.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }
}
