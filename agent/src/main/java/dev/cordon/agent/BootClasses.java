package dev.cordon.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Defines Cordon's boot classes (the deny exception, {@code Dispatch}, {@code Guard}...) straight
 * into the boot loader, instead of appending the agent jar to the boot class path: any append makes
 * the JVM switch class-data sharing off for every class outside the boot loader (printing "Sharing
 * is only supported for boot loader classes because bootstrap classpath has been appended"), which
 * slows the application's own start-up.
 *
 * <p>There is no public API for it. {@code java.base} exports {@code jdk.internal.misc} to this
 * class's module only (the unnamed module of the agent's private loader, which holds nothing of the
 * application's), and {@code jdk.internal.misc.Unsafe.defineClass} with a null loader puts each class
 * in the boot loader's unnamed module, where the boot class path would have put it (Java 17 to 25).
 * It runs before any class here refers to a boot class, so none was loaded from elsewhere first.
 * It must not name a boot class itself, for the same reason.
 */
public final class BootClasses {
  private BootClasses() {}

  /**
   * The boot module's classes, except the launcher and the agent's loader, which stay in the
   * application's loader (they are needed before this runs, and nothing else links to them).
   * None extends another of them, so the order does not matter. BootClassesTest checks the list.
   */
  static final List<String> NAMES = List.of(
      "dev.cordon.CordonAccessDeniedException",
      "dev.cordon.bootstrap.Dispatch",
      "dev.cordon.bootstrap.GovernedCall",
      "dev.cordon.bootstrap.Guard",
      "dev.cordon.bootstrap.HookHandoff",
      "dev.cordon.bootstrap.Hooks",
      "dev.cordon.bootstrap.Inbound",
      "dev.cordon.bootstrap.Inbound$Carrying");

  /**
   * Called by the launcher (by reflection on Java 17, an exact method handle from 18 on); any throw
   * makes it fall back to the boot class path.
   */
  public static void define(Instrumentation inst, JarFile jar) throws Throwable {
    Module self = BootClasses.class.getModule();
    // java.lang is opened too, for reading a Throwable's raw frames (principal.Backtraces): one call.
    inst.redefineModule(Object.class.getModule(), Set.of(), Map.of("jdk.internal.misc", Set.of(self)),
        Map.of("java.lang", Set.of(self)), Set.of(), Map.of());
    Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
    if (Runtime.version().feature() >= 18) {
      defineByHandle(unsafeType, jar);
      return;
    }
    Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
    Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
        ClassLoader.class, ProtectionDomain.class);
    for (String name : NAMES) {
      byte[] bytes = read(jar, name.replace('.', '/') + ".class");
      try {
        define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
      } catch (InvocationTargetException e) {
        // Already there (a second attach): fine; anything else is thrown to the launcher.
        if (!(e.getCause() instanceof LinkageError) || !inBootLoader(name)) throw e.getCause();
      }
    }
  }

  /**
   * The same defines by an exact method handle call: from Java 18 on, Method.invoke with this many
   * arguments spins argument-spreading classes (measured on Java 25: 31 ms for these eight classes,
   * against about 1 ms on Java 17, where reflection spins nothing and handles would).
   */
  private static void defineByHandle(Class<?> unsafeType, JarFile jar) throws Throwable {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    Object unsafe = lookup.findStatic(unsafeType, "getUnsafe", MethodType.methodType(unsafeType)).invoke();
    MethodHandle define = lookup.findVirtual(unsafeType, "defineClass", MethodType.methodType(Class.class,
        String.class, byte[].class, int.class, int.class, ClassLoader.class, ProtectionDomain.class)).bindTo(unsafe);
    for (String name : NAMES) {
      byte[] bytes = read(jar, name.replace('.', '/') + ".class");
      try {
        Class<?> defined = (Class<?>) define.invokeExact(name, bytes, 0, bytes.length, (ClassLoader) null,
            (ProtectionDomain) null);
      } catch (LinkageError e) {
        // Already there (a second attach): fine; anything else is thrown to the launcher.
        if (!inBootLoader(name)) throw e;
      }
    }
  }

  private static boolean inBootLoader(String name) {
    try {
      return Class.forName(name, false, null).getClassLoader() == null;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static byte[] read(JarFile jar, String entryName) throws IOException {
    JarEntry entry = jar.getJarEntry(entryName);
    if (entry == null) throw new IOException(entryName + " is missing from the agent jar");
    try (InputStream in = jar.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }
}
