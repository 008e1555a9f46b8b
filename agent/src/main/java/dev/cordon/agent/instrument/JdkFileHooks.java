package dev.cordon.agent.instrument;

import dev.cordon.agent.log.Log;
import dev.cordon.bootstrap.Dispatch;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * Weaves the JDK's file funnels into the running JVM, once, when a policy first declares file
 * datasets; an application whose policy has none pays nothing for file governance.
 *
 * <p>The advice is inlined into {@code java.base} and calls {@link Dispatch}, which lives in the boot
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

  public static synchronized void install(Instrumentation inst, WeaveReport report) {
    if (installed) return;
    installed = true;
    Module javaBase = Object.class.getModule();
    inst.redefineModule(javaBase, Set.of(Dispatch.class.getModule()), Map.of(), Map.of(), Set.of(), Map.of());
    Targets.enableJdkFiles();
    for (String name : CLASSES) {
      Class<?> c;
      try {
        c = Class.forName(name, false, null);
      } catch (ClassNotFoundException e) {
        report.failed(name, "not in this JDK; file opens through it are NOT governed");
        continue;
      }
      try {
        inst.retransformClasses(c);
      } catch (Throwable t) {
        report.failed(name, t.toString());
      }
    }
    Log.get().debug("JDK file funnels woven");
  }
}
