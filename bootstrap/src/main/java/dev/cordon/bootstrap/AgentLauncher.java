package dev.cordon.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.jar.JarFile;

/**
 * {@code Premain-Class}, {@code Agent-Class} and {@code Main-Class} of the agent jar, loaded by the
 * application's class loader. It creates the private {@link AgentClassLoader}, puts the handful of
 * boot classes into the boot loader (so every loader shares them) and hands over to the agent
 * proper. It must never touch one of those boot classes itself: its loader would then define its
 * own copy. It never throws out of {@code premain}: a broken agent must not stop the application
 * from starting.
 */
public final class AgentLauncher {
  private AgentLauncher() {}

  private static final String AGENT_MAIN = "dev.cordon.agent.AgentMain";
  private static final String CLI_MAIN = "dev.cordon.agent.cli.Cli";
  private static final String BOOT_CLASSES = "dev.cordon.agent.BootClasses";

  public static void premain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  /** {@code java -jar cordon-agent.jar ...}: the command line. */
  public static void main(String[] args) throws Throwable {
    ClassLoader loader = agentLoader(null);
    Method main = loader.loadClass(CLI_MAIN).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void start(String args, Instrumentation inst, boolean atStartup) {
    try {
      ClassLoader loader = agentLoader(inst);
      Class<?> agentMain = loader.loadClass(AGENT_MAIN);
      agentMain
          .getMethod("start", String.class, Instrumentation.class, String.class, boolean.class)
          .invoke(null, args, inst, jarFile().getPath(), atStartup);
    } catch (Throwable t) {
      Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
      System.err.println("[cordon] the agent failed to start and governs nothing: " + cause);
    }
  }

  private static ClassLoader agentLoader(Instrumentation inst) throws Exception {
    File file = jarFile();
    JarFile jar = new JarFile(file, false);
    AgentClassLoader loader = new AgentClassLoader(jar, file.toURI().toURL());
    if (inst != null) putBootClasses(inst, jar, loader);
    return loader;
  }

  /**
   * The boot classes are defined into the boot loader directly (see {@code dev.cordon.agent.BootClasses}):
   * appending the jar to the boot class path would switch class-data sharing off for the application's
   * classes. If that is refused (a JDK without the internal API it uses), the jar is appended after all.
   */
  private static void putBootClasses(Instrumentation inst, JarFile jar, ClassLoader loader) {
    try {
      loader.loadClass(BOOT_CLASSES).getMethod("define", Instrumentation.class, JarFile.class).invoke(null, inst, jar);
    } catch (Throwable t) {
      inst.appendToBootstrapClassLoaderSearch(jar);
    }
  }

  private static File jarFile() throws Exception {
    URL location = AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation();
    return new File(location.toURI());
  }
}
