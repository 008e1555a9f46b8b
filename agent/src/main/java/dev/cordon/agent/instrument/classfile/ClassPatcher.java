package dev.cordon.agent.instrument.classfile;

import java.util.List;

/**
 * Inserts hook calls into a class file without ASM: the constant pool gets the few entries the
 * calls need appended, each hooked method's Code attribute is rewritten by {@link CodePatcher}, and
 * every other byte is copied as it is. Loading this and its five helpers costs a cold JVM a small
 * fraction of what ASM's reader and writer do, and it runs interpreted just as well.
 *
 * <p>It handles what javac emits for small methods; on anything else it declines (null) and the
 * caller weaves with ASM instead, which gives the same program.
 */
public final class ClassPatcher {
  private ClassPatcher() {}

  private static final int CODE_ATTRIBUTE_MIN = 18;

  /**
   * The patched class file, or null when the patcher declines it. {@code found[i]} is set when the
   * method of {@code hooks.get(i)} is in the class; a hook whose method is missing is skipped.
   */
  public static byte[] patch(byte[] bytes, List<Hook> hooks, boolean[] found) {
    try {
      return patchOrDecline(bytes, hooks, found);
    } catch (RuntimeException declined) { // Decline, or a malformed class file read past its end
      java.util.Arrays.fill(found, false);
      return null;
    }
  }

  /** Why the patcher declines this class file (null if it does not): for tests and diagnostics. */
  public static String whyDeclined(byte[] bytes, List<Hook> hooks) {
    try {
      patchOrDecline(bytes, hooks, new boolean[hooks.size()]);
      return null;
    } catch (RuntimeException declined) {
      return declined.toString();
    }
  }

  private static byte[] patchOrDecline(byte[] b, List<Hook> hooks, boolean[] found) {
    if (ByteSink.u4(b, 0) != 0xCAFEBABE) throw new Decline("not a class file");
    if (ByteSink.u2(b, 6) < 50) throw new Decline("class file before version 50 (no stack maps)");
    ConstantPool cp = new ConstantPool(b);
    int p = cp.end;
    int thisClass = ByteSink.u2(b, p + 2);
    p += 6;
    p += 2 + 2 * ByteSink.u2(b, p); // interfaces
    p = skipMembers(b, p); // fields
    ByteSink rest = new ByteSink(b.length - cp.end + 256);
    rest.bytes(b, cp.end, p - cp.end);
    int methods = ByteSink.u2(b, p);
    rest.u2(methods);
    p += 2;
    boolean any = false;
    for (int m = 0; m < methods; m++) {
      int access = ByteSink.u2(b, p);
      Hook hook = null;
      for (int i = 0; i < hooks.size(); i++) {
        Hook h = hooks.get(i);
        if (cp.isUtf8(ByteSink.u2(b, p + 2), h.name()) && cp.isUtf8(ByteSink.u2(b, p + 4), h.desc())) {
          found[i] = true;
          hook = h;
        }
      }
      int attributes = ByteSink.u2(b, p + 6);
      rest.bytes(b, p, 8);
      p += 8;
      boolean patched = false;
      for (int a = 0; a < attributes; a++) {
        int end = p + 6 + ByteSink.u4(b, p + 2);
        if (hook != null && cp.isUtf8(ByteSink.u2(b, p), "Code")) {
          if (end - p < CODE_ATTRIBUTE_MIN || end > b.length) throw new Decline("Code attribute length");
          CodePatcher.patch(b, p, cp, thisClass, access, hook, rest);
          patched = true;
        } else {
          rest.bytes(b, p, end - p);
        }
        p = end;
      }
      if (hook != null && !patched) throw new Decline("hooked method without code");
      any |= patched;
    }
    rest.bytes(b, p, b.length - p); // the class's attributes
    if (!any) return b;
    ByteSink out = new ByteSink(b.length + rest.size() - (b.length - cp.end) + cp.appended().size() + 16);
    out.bytes(b, 0, 8).u2(cp.count()).bytes(b, 10, cp.end - 10).bytes(cp.appended()).bytes(rest);
    return out.toArray();
  }

  private static int skipMembers(byte[] b, int p) {
    int count = ByteSink.u2(b, p);
    p += 2;
    for (int i = 0; i < count; i++) {
      int attributes = ByteSink.u2(b, p + 6);
      p += 8;
      for (int a = 0; a < attributes; a++) p += 6 + ByteSink.u4(b, p + 2);
    }
    return p;
  }
}
