package dev.cordon.agent.instrument;

import dev.cordon.agent.instrument.classfile.ClassPatcher;
import dev.cordon.agent.instrument.classfile.Hook;
import java.util.List;

/**
 * Weaves the JDK's file funnels ({@link JdkFileHookPoints}) without Byte Buddy's Advice: when a
 * policy declares file datasets the application may not start before these six classes are woven,
 * and loading Byte Buddy's type model costs about half a second. The class-file patcher does it
 * first; ASM ({@link AsmFileWeaver}) only when the patcher declines a class file, so on the usual
 * path not one ASM class is loaded (tens of milliseconds in a cold JVM).
 *
 * <p>What is inserted is exactly what the former advice classes inlined: a static call into
 * {@code dev.cordon.bootstrap.Dispatch} with the method's arguments on entry, and for renames and
 * links a call to {@code Dispatch.filesChanged()} on every exit, normal or by exception (a catch-all
 * handler after the method's own handlers that calls it and rethrows). Nothing else: Dispatch
 * guards re-entry, rethrows a deny and turns every other fault into the agent's fail-open or
 * fail-closed answer, so no handler here swallows anything. An exception thrown by the entry call
 * leaves the method before its body, and before the exit handler's range, as with Byte Buddy.
 */
final class JdkFileWeaver {
  private JdkFileWeaver() {}

  /** The internal names of the classes this weaver changes. */
  static boolean weaves(String internalName) {
    for (Hook h : JdkFileHookPoints.ALL) if (h.type().equals(internalName)) return true;
    return false;
  }

  /**
   * The woven class file, or null to leave it as it is. A hook point missing from this JDK is
   * reported (its opens are not governed) and the others are still woven.
   */
  static byte[] weave(String internalName, byte[] bytes, WeaveReport report) {
    List<Hook> hooks = JdkFileHookPoints.of(internalName);
    return hooks.isEmpty() ? null : weave(internalName, bytes, hooks, report);
  }

  static byte[] weave(String internalName, byte[] bytes, List<Hook> hooks, WeaveReport report) {
    boolean[] found = new boolean[hooks.size()];
    byte[] woven = ClassPatcher.patch(bytes, hooks, found);
    if (woven == null) woven = AsmFileWeaver.weave(bytes, hooks, found, internalName);
    String type = internalName.replace('/', '.');
    // Only what failed is reported: this runs on the application's main thread, before the logger exists.
    for (int i = 0; i < hooks.size(); i++) {
      if (!found[i]) report.failed(type, "no method matches hook point '" + hooks.get(i).name() + "'");
    }
    return woven;
  }
}
