package dev.cordon.agent.instrument.classfile;

/**
 * Where each instruction of a method's original code lands in the patched code. An offset maps to
 * the start of what is inserted before its instruction, so a branch, handler, frame, line or local
 * variable range that named a return now names the call inserted before it; offset 0 maps to just
 * after the entry call (a loop back to the method's start does not call again), and the code's
 * length maps to the end of the original code (before the appended handler). That is where ASM
 * places the same labels in JdkFileWeaver's visitor.
 */
final class OffsetMap {
  /** New offset per old instruction offset, -1 between instructions; index codeLength is the end. */
  private final int[] starts;

  OffsetMap(int codeLength) {
    starts = new int[codeLength + 1];
    java.util.Arrays.fill(starts, -1);
  }

  void set(int oldOffset, int newOffset) {
    starts[oldOffset] = newOffset;
  }

  /** The new offset of an old one; declines an offset that is not an instruction's (a malformed target). */
  int map(int oldOffset) {
    if (oldOffset < 0 || oldOffset >= starts.length || starts[oldOffset] < 0) {
      throw new Decline("offset " + oldOffset + " is not an instruction");
    }
    return starts[oldOffset];
  }

  int end() {
    return starts[starts.length - 1];
  }
}
