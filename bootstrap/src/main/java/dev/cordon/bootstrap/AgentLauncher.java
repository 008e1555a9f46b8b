package dev.cordon.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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

  /**
   * How the launcher calls into the agent's loader. Java 17's reflection calls through native
   * accessors and spins nothing; from Java 18 on it is built on method handles and spins
   * argument-spreading classes for each new call shape (measured on Java 25: the boot classes'
   * eight defines cost 31 ms by Method.invoke, 1 ms on Java 17), so there exact method handle calls
   * are cheaper, and on 17 dearer (they spin lambda forms reflection does not: +19 ms measured).
   */
  static final boolean HANDLES = Runtime.version().feature() >= 18;

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
      if (HANDLES) {
        MethodHandle start = MethodHandles.publicLookup().findStatic(agentMain, "start",
            MethodType.methodType(void.class, String.class, Instrumentation.class, String.class, boolean.class));
        start.invokeExact(args, inst, jarFile().getPath(), atStartup);
      } else {
        agentMain.getMethod("start", String.class, Instrumentation.class, String.class, boolean.class)
            .invoke(null, args, inst, jarFile().getPath(), atStartup);
      }
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
      Class<?> bootClasses = loader.loadClass(BOOT_CLASSES);
      if (HANDLES) {
        MethodHandle define = MethodHandles.publicLookup().findStatic(bootClasses, "define",
            MethodType.methodType(void.class, Instrumentation.class, JarFile.class));
        define.invokeExact(inst, jar);
      } else {
        bootClasses.getMethod("define", Instrumentation.class, JarFile.class).invoke(null, inst, jar);
      }
    } catch (Throwable t) {
      inst.appendToBootstrapClassLoaderSearch(jar);
    }
  }

  private static File jarFile() throws Exception {
    URL location = AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation();
    return new File(location.toURI());
  }
}
