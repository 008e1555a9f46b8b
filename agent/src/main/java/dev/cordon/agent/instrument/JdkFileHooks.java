package dev.cordon.agent.instrument;

import dev.cordon.agent.log.Log;
import dev.cordon.bootstrap.Dispatch;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * Weaves the JDK's file funnels into the running JVM ({@link JdkFileWeaver}), once: in {@code premain}
 * when the policy file mentions {@code files:}, else when a loaded policy first declares file
 * datasets; an application whose policy has none pays nothing for file governance.
 *
 * <p>The woven calls run inside {@code java.base} and call {@link Dispatch}, which lives in the boot
 * loader's unnamed module. Named modules read only what they declare, so {@code java.base} is first
 * given a read edge to that module (what Byte Buddy's {@code assureReadEdgeTo} does); without it the
 * first woven open would fail with an {@link IllegalAccessError}.
 */
public final class JdkFileHooks {
  private JdkFileHooks() {}

  static final String[] CLASSES = {
    "java.io.FileInputStream", "java.io.FileOutputStream", "java.io.RandomAccessFile",
    "java.io.UnixFileSystem", "sun.nio.fs.UnixNativeDispatcher", "sun.nio.fs.UnixSecureDirectoryStream",
  };

  private static boolean installed;
  private static final java.util.Set<String> WOVEN_AT_LOAD = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** The load-time transformer wove this funnel as it loaded (internal name). */
  static void wovenAtLoad(String internalName) {
    WOVEN_AT_LOAD.add(internalName);
  }

  public static synchronized void install(Instrumentation inst, WeaveReport report) {
    if (installed) return;
    installed = true;
    Module javaBase = Object.class.getModule();
    inst.redefineModule(javaBase, Set.of(Dispatch.class.getModule()), Map.of(), Map.of(), Set.of(), Map.of());
    Targets.enableJdkFiles();
    java.util.List<Class<?>> classes = new java.util.ArrayList<>();
    for (String name : CLASSES) {
      try {
        Class<?> c = Class.forName(name, false, null);
        // A funnel not loaded until now (UnixSecureDirectoryStream, usually) was just woven as it
        // loaded: retransforming it would only weave the same bytes again.
        if (!WOVEN_AT_LOAD.contains(name.replace('.', '/'))) classes.add(c);
      } catch (ClassNotFoundException e) {
        report.failed(name, "not in this JDK; file opens through it are NOT governed");
      }
    }
    if (classes.isEmpty()) return;
    try {
      // One VM operation for all of them; class by class only to find which one failed.
      inst.retransformClasses(classes.toArray(new Class<?>[0]));
    } catch (Throwable all) {
      for (Class<?> c : classes) {
        try {
          inst.retransformClasses(c);
        } catch (Throwable t) {
          report.failed(c.getName(), t.toString());
        }
      }
    }
  }

  private static boolean announced;

  /**
   * Logs, once, that the funnels are woven: called from cordon-init, since the first log line costs
   * the logger's set-up, which premain's thread must not pay.
   */
  public static synchronized void announce() {
    if (!installed || announced) return;
    announced = true;
    Log.get().debug("JDK file funnels woven");
  }
}
