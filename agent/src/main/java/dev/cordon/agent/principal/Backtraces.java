package dev.cordon.agent.principal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The frames of a {@link Throwable} as HotSpot records them, read without making stack trace
 * elements: each frame's class, and a number that tells its call site (method and bytecode index)
 * apart from every other.
 *
 * <p>Why: on every governed call the principal is the nearest frame matching a {@code code:}
 * selector, and the walk to find it was the dearest part of a call. In a JVM between calls a
 * millisecond apart (cold caches), measured inside openai-java on Java 17: {@code StackWalker} to
 * the 11th frame 27 us; {@code new Throwable()} 6.4 us; turning its frames into stack trace
 * elements another 15 us. A throwable's raw backtrace already holds each frame's class, method
 * number and bytecode index, so only a call site seen for the first time pays for the elements.
 *
 * <p>The layout is HotSpot's, not an API: chunks of 32 frames, each an {@code Object[]} holding a
 * {@code short[]} of method numbers, an {@code int[]} of bytecode index and class version, an
 * {@code Object[]} of classes, then (Java 17 to 25) further slots of which the second to last links
 * the next chunk. It is checked once against {@link Throwable#getStackTrace()} on a stack of more
 * than one chunk; on any other VM, any other layout, or without access to {@code java.lang} (which
 * the agent opens to its own module at start), {@link #usable()} is false and callers use
 * {@code StackWalker}.
 */
final class Backtraces {
  private Backtraces() {}

  private static final int METHODS = 0;
  private static final int BCIS = 1;
  private static final int CLASSES = 2;

  private static final VarHandle BACKTRACE;
  private static final VarHandle DEPTH;
  private static final boolean USABLE;

  static {
    VarHandle backtrace = null;
    VarHandle depth = null;
    boolean usable = false;
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Throwable.class, MethodHandles.lookup());
      backtrace = lookup.findVarHandle(Throwable.class, "backtrace", Object.class);
      depth = lookup.findVarHandle(Throwable.class, "depth", int.class);
      usable = true;
    } catch (ReflectiveOperationException | RuntimeException notOpened) {
      // not opened to this module, or no such fields: StackWalker it is
    }
    BACKTRACE = backtrace;
    DEPTH = depth;
    USABLE = usable && SelfCheck.agrees();
  }

  /** Whether {@link #capture} can be used on this VM. */
  static boolean usable() {
    return USABLE;
  }

  /**
   * The current thread's frames, innermost first, from the frame that calls this. Null when the VM
   * recorded none (stack traces switched off).
   */
  static Frames capture() {
    Throwable t = new Throwable();
    Object chunk = BACKTRACE.get(t);
    int depth = (int) DEPTH.get(t);
    if (!(chunk instanceof Object[] first) || depth <= 0) return null;
    return new Frames(t, first, depth);
  }

  /** One capture's frames; read them in order with {@link #next()}. */
  static final class Frames {
    private final Throwable source;
    private final int depth;
    private Object[] chunk;
    private int index = -1;
    private int inChunk = -1;
    private StackTraceElement[] elements;

    private Frames(Throwable source, Object[] first, int depth) {
      this.source = source;
      this.chunk = first;
      this.depth = depth;
    }

    /** Moves to the next frame; false after the last. */
    boolean next() {
      if (index + 1 >= depth) return false;
      index++;
      if (++inChunk == ((short[]) chunk[METHODS]).length) {
        Object link = chunk[chunk.length - 2];
        if (!(link instanceof Object[] nextChunk)) {
          index = depth;
          return false;
        }
        chunk = nextChunk;
        inChunk = 0;
      }
      return true;
    }

    /** The current frame's class. */
    Class<?> type() {
      return (Class<?>) ((Object[]) chunk[CLASSES])[inChunk];
    }

    /** The current frame's call site within its class: method number and bytecode index (with class version). */
    long site() {
      return ((long) ((short[]) chunk[METHODS])[inChunk] << 32) | (((int[]) chunk[BCIS])[inChunk] & 0xffffffffL);
    }

    /** How many frames the VM recorded (it cuts a deep stack short at MaxJavaStackTraceDepth). */
    int depth() {
      return depth;
    }

    /** The current frame as a stack trace element: dear (all of them are made once per capture). */
    StackTraceElement element() {
      if (elements == null) elements = source.getStackTrace();
      return elements[index];
    }
  }

  /** Compares the raw reading with the JDK's own stack trace elements, frame by frame, once. */
  private static final class SelfCheck {
    static boolean agrees() {
      try {
        return deeper(40);
      } catch (Throwable e) {
        return false;
      }
    }

    // Recursion gives a stack of more than one chunk, so the link between chunks is checked too.
    private static boolean deeper(int n) {
      if (n > 0) return deeper(n - 1);
      Frames f = capture();
      if (f == null) return false;
      StackTraceElement[] expected = f.source.getStackTrace();
      if (expected.length != f.depth() || expected.length < 40) return false;
      long previousSite = 0;
      int recursive = 0;
      for (StackTraceElement e : expected) {
        if (!f.next() || !f.type().getName().equals(e.getClassName())) return false;
        if (e.getMethodName().equals("deeper")) {
          // One call site (the recursive call) repeats; the first frame is another site.
          long site = f.site();
          if (recursive++ == 1) previousSite = site;
          else if (recursive > 2 && site != previousSite) return false;
        }
      }
      return !f.next() && recursive == 41;
    }
  }
}
