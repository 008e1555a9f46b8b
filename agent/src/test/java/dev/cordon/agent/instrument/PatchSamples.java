package dev.cordon.agent.instrument;

/**
 * Methods shaped to exercise every relocation of the class-file patcher (PatcherEquivalenceTest):
 * javac's own output, so the shapes are the ones real class files have. Their layouts matter
 * (checked by the test, which prints the reason if javac ever lays one out differently).
 */
@SuppressWarnings("unused")
public final class PatchSamples {
  private int field = 3;

  /** Loops back to offset 0: a frame at offset 0, and a goto whose target must stay after the entry call. */
  static int countDown(int x) {
    while (x > 0) x--;
    return x;
  }

  /** Branches that jump over and onto returns. */
  static int sign(int x) {
    if (x > 0) return 1;
    if (x < 0) return -1;
    return 0;
  }

  /** A tableswitch: an entry insertion of 5 bytes changes its padding. */
  static int table(int x) {
    switch (x) {
      case 1: return 10;
      case 2: return 20;
      case 3: return 30;
      case 4: return 40;
      default: return -1;
    }
  }

  /** A lookupswitch, with returns as targets. */
  static int lookup(int x) {
    switch (x) {
      case 1: return 10;
      case 1000: return 20;
      case -50000: return 30;
      default: return -1;
    }
  }

  /** Straight code, then the first frame (a same_frame) at offset 60: after a 5-byte entry call, its delta passes 63. */
  static int longThenBranch(int x) {
    x = x * 3 + 7;
    x = x * 3 + 7;
    x = x * 3 + 7;
    x = x * 3 + 7;
    x = x * 3 + 7;
    x = x * 3 + 7;
    x = x * 3 + 7;
    x = -x;
    if (x > 5) x++;
    return x;
  }

  /** A try block from offset 0 whose handler (a same_locals_1_stack_item frame) sits past 59. */
  static int tryCatch(int x) {
    try {
      int a = x * 3 + 7;
      int b = a ^ (x << 2);
      int c = b - a * 5;
      int d = c + b + a;
      int e = d * 11 - c;
      int f = e + d * 1234;
      a = a * 3 + 7;
      return 100 / x + f;
    } catch (ArithmeticException e) {
      return -7;
    }
  }

  /** try/finally around a return, like UnixNativeDispatcher.rename. */
  static int tryFinally(int x) {
    int[] box = new int[1];
    try {
      box[0] = 10 / x;
      return box[0];
    } finally {
      box[0] = -1;
    }
  }

  /** Wide locals and arrays in the catch-all's frame. */
  static long wide(int x, long a, double d, int[] arr, String s) {
    if (x < 0) throw new IllegalStateException("negative");
    return a + (long) d + arr.length + s.length() + x;
  }

  /** An instance method: {@code this} in the catch-all's frame. */
  int instance(int x) {
    for (int i = 0; i < x; i++) field += i;
    return field;
  }

  /** Throws on one path: the catch-all must see it, call, and rethrow. */
  static int thrower(int x) {
    if (x == 0) throw new IllegalArgumentException("zero");
    return 10 / x;
  }

  static int counter;

  /** A branch whose target is the return itself: it must land on the call inserted before it. */
  static void skipToReturn(int x) {
    if (x > 0) counter += x;
  }

  /** A {@code new} at offset 0 whose uninitialized type sits in frames (the ternary inside its arguments): its offset moves. */
  static String uninitialized(int x) {
    return new StringBuilder(x > 0 ? "positive" : "not").append(x).toString();
  }

  /** A constructor-like exit hook on a plain method with several returns. */
  static int exits(int x) {
    if (x == 1) return 11;
    if (x == 2) return 22;
    return 33;
  }
}
