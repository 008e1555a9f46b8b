package dev.cordon.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * The one transformer registered in {@code premain}: a name check on every class load, which wakes
 * the Byte Buddy weaver only for a target class. Classes of the agent's own loader are never woven.
 */
public final class LazyTransformer implements ClassFileTransformer {
  private final ClassLoader own;
  private final WeaveReport report;
  private volatile ClassFileTransformer weaver;

  public LazyTransformer(ClassLoader own, WeaveReport report) {
    this.own = own;
    this.report = report;
  }

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain pd, byte[] bytes) {
    if (className == null || loader == own) return null;
    if (!Targets.isTarget(className)
        && !(loader != null && Targets.jdbcEnabled() && Targets.mentionsJavaSql(bytes))) {
      return null;
    }
    try {
      return weaver().transform(loader, className, redefined, pd, bytes);
    } catch (Throwable t) {
      report.failed(className.replace('/', '.'), t.toString());
      return null;
    }
  }

  private ClassFileTransformer weaver() {
    ClassFileTransformer w = weaver;
    if (w == null) {
      synchronized (this) {
        if ((w = weaver) == null) weaver = w = ByteBuddyWeaver.create(report);
      }
    }
    return w;
  }

  /** Targets loaded before the transformer was registered (dynamic attach, early threads) are woven now. */
  public static void retransformLoaded(Instrumentation inst, WeaveReport report) {
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (Targets.isTarget(c.getName().replace('.', '/')) && inst.isModifiableClass(c)) loaded.add(c);
    }
    for (Class<?> c : loaded) {
      try {
        inst.retransformClasses(c);
      } catch (Throwable t) {
        report.failed(c.getName(), t.toString());
      }
    }
  }
}
