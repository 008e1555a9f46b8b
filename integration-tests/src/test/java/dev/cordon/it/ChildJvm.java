package dev.cordon.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an application in a child JVM with the real agent jar, the way a user would:
 * {@code java -javaagent:cordon-agent.jar[=args] -cp <app class path> Main args}.
 */
public final class ChildJvm {
  public static final Path AGENT_JAR = Paths.get(System.getProperty("cordon.agent.jar",
      "../agent/target/cordon-agent.jar")).toAbsolutePath().normalize();

  private final List<String> jvmArgs = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private String agentArgs;
  private boolean withAgent = true;
  private Path workDir;
  private String classPath = defaultClassPath();
  private String javaHome = System.getProperty("cordon.child.java.home", System.getProperty("java.home"));
  private Process process;
  private Path stdout;
  private Path stderr;

  public ChildJvm workDir(Path dir) { this.workDir = dir; return this; }
  public ChildJvm agentArgs(String args) { this.agentArgs = args; return this; }
  public ChildJvm noAgent() { this.withAgent = false; return this; }
  public ChildJvm jvmArg(String arg) { jvmArgs.add(arg); return this; }
  public ChildJvm env(String k, String v) { env.put(k, v); return this; }
  public ChildJvm classPath(String cp) { this.classPath = cp; return this; }
  public ChildJvm javaHome(String home) { this.javaHome = home; return this; }

  /** The test class path minus build-order-only entries (the agent's own classes must not be on the app's path). */
  public static String defaultClassPath() {
    String cp = System.getProperty("cordon.app.classpath");
    if (cp == null) throw new IllegalStateException("cordon.app.classpath not set by the build");
    String testClasses = Paths.get("target/test-classes").toAbsolutePath().toString();
    return testClasses + File.pathSeparator + cp;
  }

  public ChildJvm start(String mainClass, String... args) throws IOException {
    if (workDir == null) workDir = Files.createTempDirectory("cordon-it");
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(javaHome, "bin", "java").toString());
    cmd.add("-Xshare:auto");
    if (withAgent) cmd.add("-javaagent:" + AGENT_JAR + (agentArgs == null ? "" : "=" + agentArgs));
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().remove("CORDON_POLICY");
    pb.environment().remove("CORDON_MODE");
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().putAll(env);
    stdout = workDir.resolve("stdout.txt");
    stderr = workDir.resolve("stderr.txt");
    pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    process = pb.start();
    return this;
  }

  /** True while the child JVM runs. */
  public boolean alive() {
    return process != null && process.isAlive();
  }

  /** Waits for exit (at most 120 s, then the child is killed and the test fails). */
  public Result await() throws Exception {
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("child JVM did not finish in 120 s; stderr:\n" + read(stderr));
    }
    return new Result(process.exitValue(), read(stdout), read(stderr), workDir);
  }

  public Result run(String mainClass, String... args) throws Exception {
    return start(mainClass, args).await();
  }

  private static String read(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }

  public record Result(int exit, String stdout, String stderr, Path workDir) {
    /** The line the script printed for step n ({@code #n ...}), without the prefix. */
    public String step(int n) {
      String prefix = "#" + n + " ";
      for (String line : stdout.split("\n")) if (line.startsWith(prefix)) return line.substring(prefix.length());
      throw new AssertionError("no output for step " + n + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
    }

    @Override
    public String toString() {
      return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }
}
