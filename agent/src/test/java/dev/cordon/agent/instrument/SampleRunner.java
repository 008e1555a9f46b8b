package dev.cordon.agent.instrument;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.SimpleRemapper;

/**
 * Runs patched {@link PatchSamples} in a class loader of its own, where
 * {@code dev.cordon.bootstrap.Dispatch} is a renamed copy of {@link FakeDispatch} that records the
 * calls. The JVM verifies the patched class as it links it (type-checking with its stack map frames).
 */
final class SampleRunner {
  private final Class<?> samples;
  private final List<String> calls;

  @SuppressWarnings("unchecked")
  SampleRunner(byte[] patched) throws Exception {
    byte[] dispatch = renamed(PatcherEquivalenceTest.testClass(FakeDispatch.class));
    ClassLoader loader = new ClassLoader(null) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.equals("dev.cordon.bootstrap.Dispatch")) return defineClass(name, dispatch, 0, dispatch.length);
        if (name.equals(PatchSamples.class.getName())) return defineClass(name, patched, 0, patched.length);
        throw new ClassNotFoundException(name);
      }
    };
    samples = loader.loadClass(PatchSamples.class.getName());
    calls = (List<String>) loader.loadClass("dev.cordon.bootstrap.Dispatch").getField("CALLS").get(null);
  }

  private static byte[] renamed(byte[] fake) {
    ClassWriter w = new ClassWriter(0);
    new ClassReader(fake).accept(new ClassRemapper(w, new SimpleRemapper(
        FakeDispatch.class.getName().replace('.', '/'), "dev/cordon/bootstrap/Dispatch")), 0);
    return w.toByteArray();
  }

  PatcherEquivalenceTest.Outcome call(String method, int x) throws Exception {
    return invoke(samples.getDeclaredMethod(method, int.class), null, x);
  }

  PatcherEquivalenceTest.Outcome callWide(int x) throws Exception {
    Method m = samples.getDeclaredMethod("wide", int.class, long.class, double.class, int[].class, String.class);
    return invoke(m, null, x, 10L, 2.5, new int[3], "ab");
  }

  PatcherEquivalenceTest.Outcome callInstance(int x) throws Exception {
    var ctor = samples.getDeclaredConstructor();
    ctor.setAccessible(true);
    Object target = ctor.newInstance();
    calls.clear();
    return invoke(samples.getDeclaredMethod("instance", int.class), target, x);
  }

  private PatcherEquivalenceTest.Outcome invoke(Method m, Object target, Object... args) throws Exception {
    m.setAccessible(true);
    if (target == null) calls.clear();
    String result;
    try {
      result = String.valueOf(m.invoke(target, args));
    } catch (InvocationTargetException e) {
      result = e.getCause().getClass().getName();
    }
    return new PatcherEquivalenceTest.Outcome(result, List.copyOf(calls));
  }
}
