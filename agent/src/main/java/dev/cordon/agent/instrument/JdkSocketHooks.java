package dev.cordon.agent.instrument;

import dev.cordon.agent.log.Log;
import dev.cordon.bootstrap.Dispatch;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * Weaves the JDK's TCP connect funnels into the running JVM, once, when a policy first has AI rules
 * or {@code endpoints}: the socket backstop ({@code dev.cordon.agent.transport.SocketBackstop}).
 * An application whose policy governs no AI traffic keeps the JDK's connect code untouched.
 *
 * <p>{@code java.net.Socket} is always loaded by now, the channel classes maybe not: those are
 * woven as they load. Retransforming a class other threads are connecting through is safe (their
 * running frames keep the old code), and the weave opens no socket itself, so it cannot wait on
 * its own hook; the agent has no sockets of its own, and its threads are guarded anyway.
 */
public final class JdkSocketHooks {
  private JdkSocketHooks() {}

  static final String[] CLASSES = {
    "java.net.Socket", "sun.nio.ch.SocketChannelImpl", "sun.nio.ch.UnixAsynchronousSocketChannelImpl",
  };

  private static boolean installed;

  public static synchronized void install(Instrumentation inst, WeaveReport report) {
    if (installed) return;
    installed = true;
    Module javaBase = Object.class.getModule();
    inst.redefineModule(javaBase, Set.of(Dispatch.class.getModule()), Map.of(), Map.of(), Set.of(), Map.of());
    Targets.enableJdkSockets();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.getClassLoader() != null || !isTarget(c.getName())) continue;
      try {
        inst.retransformClasses(c);
      } catch (Throwable t) {
        report.failed(c.getName(), t.toString());
      }
    }
    Log.get().debug("JDK connect funnels woven (socket backstop)");
  }

  private static boolean isTarget(String name) {
    for (String n : CLASSES) if (n.equals(name)) return true;
    return false;
  }
}
