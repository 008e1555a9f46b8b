package dev.cordon.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.cordon.bootstrap.Dispatch;

/**
 * The one transformer registered in {@code premain}: a name check on every class load, which wakes
 * the Byte Buddy weaver only for a target class (the JDK's file funnels go to {@link JdkFileWeaver}).
 * Classes of the agent's own loader are never woven.
 */
public final class LazyTransformer implements ClassFileTransformer {
  private final ClassLoader own;
  private final WeaveReport report;
  private final Instrumentation inst;
  private volatile ClassFileTransformer weaver;

  public LazyTransformer(ClassLoader own, WeaveReport report, Instrumentation inst) {
    this.own = own;
    this.report = report;
    this.inst = inst;
    // Initialised here, before registration: initialised on a first transform instead, Targets' static
    // fields would load JDK classes (StandardCharsets) while the JVM may be loading that very class for
    // the transform, and the ClassCircularityError would leave Targets, and every hook, unusable.
    Targets.initialize();
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined, ProtectionDomain pd,
      byte[] bytes) {
    if (className == null || loader == own) return null;
    if (!Targets.isTarget(className)
        && !(loader != null && Targets.jdbcEnabled() && Targets.mentionsJavaSql(bytes))) {
      return null;
    }
    try {
      if (module != null && module.isNamed()) readsBootClasses(module);
      // The JDK's file funnels are woven before main may run: plain ASM, never Byte Buddy (see JdkFileWeaver).
      if (loader == null && Targets.isJdkFile(className)) {
        byte[] woven = JdkFileWeaver.weave(className, bytes, report);
        if (redefined == null && woven != null) JdkFileHooks.wovenAtLoad(className);
        return woven;
      }
      return weaver().transform(module, loader, className, redefined, pd, bytes);
    } catch (Throwable t) {
      report.failed(className.replace('/', '.'), t.toString());
      return null;
    }
  }

  /**
   * Advice woven into a JDK class (java.net.http, java.base) calls {@code dev.cordon.bootstrap.Dispatch},
   * which sits in the boot loader's unnamed module: a named module must be made to read it first.
   */
  private void readsBootClasses(Module module) {
    Module boot = Dispatch.class.getModule();
    if (!module.canRead(boot)) {
      inst.redefineModule(module, Set.of(boot), Map.of(), Map.of(), Set.of(), Map.of());
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
      String name = c.getName().replace('.', '/');
      // The file funnels were retransformed by JdkFileHooks already.
      if (Targets.isTarget(name) && !Targets.isJdkFile(name) && inst.isModifiableClass(c)) loaded.add(c);
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
