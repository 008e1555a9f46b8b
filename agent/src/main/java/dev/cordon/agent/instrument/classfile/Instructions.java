package dev.cordon.agent.instrument.classfile;

/** What the patcher needs to know of each opcode: its length and whether it carries a branch offset. */
final class Instructions {
  private Instructions() {}

  static final int TABLESWITCH = 0xaa, LOOKUPSWITCH = 0xab, GOTO_W = 0xc8, WIDE = 0xc4, IINC = 0x84;
  static final int INVOKESTATIC = 0xb8, ATHROW = 0xbf;

  /**
   * Fixed lengths by opcode: 0 for a switch (its length depends on its offset), -1 for what the
   * patcher declines: jsr, ret and jsr_w (subroutines have no stack map frames and are never in
   * the class files of Java 7 and later) and the unassigned opcodes.
   */
  private static final byte[] LENGTH = new byte[256];

  static {
    java.util.Arrays.fill(LENGTH, (byte) -1);
    for (int op = 0x00; op <= 0x0f; op++) LENGTH[op] = 1; // nop, constants
    LENGTH[0x10] = 2; // bipush
    LENGTH[0x11] = 3; // sipush
    LENGTH[0x12] = 2; // ldc
    LENGTH[0x13] = 3; // ldc_w
    LENGTH[0x14] = 3; // ldc2_w
    for (int op = 0x15; op <= 0x19; op++) LENGTH[op] = 2; // xload
    for (int op = 0x1a; op <= 0x35; op++) LENGTH[op] = 1; // xload_n, xaload
    for (int op = 0x36; op <= 0x3a; op++) LENGTH[op] = 2; // xstore
    for (int op = 0x3b; op <= 0x83; op++) LENGTH[op] = 1; // xstore_n, xastore, stack, arithmetic
    LENGTH[IINC] = 3;
    for (int op = 0x85; op <= 0x98; op++) LENGTH[op] = 1; // conversions, comparisons
    for (int op = 0x99; op <= 0xa7; op++) LENGTH[op] = 3; // if*, goto
    LENGTH[TABLESWITCH] = 0;
    LENGTH[LOOKUPSWITCH] = 0;
    for (int op = 0xac; op <= 0xb1; op++) LENGTH[op] = 1; // returns
    for (int op = 0xb2; op <= 0xb8; op++) LENGTH[op] = 3; // fields, invokevirtual/special/static
    LENGTH[0xb9] = 5; // invokeinterface
    LENGTH[0xba] = 5; // invokedynamic
    LENGTH[0xbb] = 3; // new
    LENGTH[0xbc] = 2; // newarray
    LENGTH[0xbd] = 3; // anewarray
    LENGTH[0xbe] = 1; // arraylength
    LENGTH[ATHROW] = 1;
    LENGTH[0xc0] = 3; // checkcast
    LENGTH[0xc1] = 3; // instanceof
    LENGTH[0xc2] = 1; // monitorenter
    LENGTH[0xc3] = 1; // monitorexit
    LENGTH[WIDE] = 4; // 6 for wide iinc, see length()
    LENGTH[0xc5] = 4; // multianewarray
    LENGTH[0xc6] = 3; // ifnull
    LENGTH[0xc7] = 3; // ifnonnull
    LENGTH[GOTO_W] = 5;
  }

  /** Bytes between a switch's opcode at {@code offset} and its 4-byte-aligned operands. */
  static int padding(int offset) {
    return 3 - (offset & 3);
  }

  /**
   * The length of the instruction at offset {@code o} of the code that starts at {@code b[code]}
   * and ends before {@code b[end]} (a switch's padding counts from the code's start).
   */
  static int length(byte[] b, int code, int o, int end) {
    int at = code + o;
    int op = b[at] & 0xff;
    int len = LENGTH[op];
    if (len < 0) throw new Decline("opcode " + op);
    if (op == WIDE) {
      if (at + 1 >= end) throw new Decline("truncated wide");
      int widened = b[at + 1] & 0xff;
      if (widened == IINC) return 6;
      if ((widened < 0x15 || widened > 0x19) && (widened < 0x36 || widened > 0x3a)) {
        throw new Decline("wide " + widened); // wide ret, or not a local-variable instruction
      }
      return 4;
    }
    if (len > 0) return len;
    int operands = at + 1 + padding(o);
    if (operands + 12 > end) throw new Decline("truncated switch");
    if (op == TABLESWITCH) {
      long low = ByteSink.u4(b, operands + 4), high = ByteSink.u4(b, operands + 8);
      if (high < low || high - low >= 0x4000) throw new Decline("tableswitch range");
      return (int) (operands + 12 + 4 * (high - low + 1) - at);
    }
    int pairs = ByteSink.u4(b, operands + 4);
    if (pairs < 0 || pairs >= 0x2000) throw new Decline("lookupswitch size");
    return operands + 8 + 8 * pairs - at;
  }

  static boolean isReturn(int op) {
    return op >= 0xac && op <= 0xb1;
  }

  /** if*, goto, ifnull, ifnonnull: a signed 16-bit offset after the opcode. */
  static boolean isBranch16(int op) {
    return (op >= 0x99 && op <= 0xa7) || op == 0xc6 || op == 0xc7;
  }
}
