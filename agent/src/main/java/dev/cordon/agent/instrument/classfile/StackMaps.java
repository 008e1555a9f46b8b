package dev.cordon.agent.instrument.classfile;

/**
 * Rewrites a StackMapTable for the patched code: each frame moves to its instruction's new offset
 * (offsets are stored as deltas from the previous frame, so every delta is recomputed), an
 * uninitialized type's {@code new} offset moves too, and a same_frame or
 * same_locals_1_stack_item whose delta no longer fits in its frame type takes its extended form.
 * A full frame may be appended (the catch-all handler's).
 */
final class StackMaps {
  private StackMaps() {}

  private static final int SAME_LOCALS_1_EXTENDED = 247, SAME_EXTENDED = 251, FULL = 255;

  /**
   * Writes the attribute's body (without name and length) from the original body at
   * {@code b[at..at+len)}; {@code extra} is a frame's body without its type and delta, appended as
   * a full frame at {@code extraOffset}, or null.
   */
  static void rewrite(byte[] b, int at, int len, OffsetMap map, ByteSink extra, int extraOffset, ByteSink out) {
    int end = at + len;
    int frames = ByteSink.u2(b, at);
    out.u2(frames + (extra == null ? 0 : 1));
    int p = at + 2;
    int oldPrevious = -1, newPrevious = -1;
    for (int i = 0; i < frames; i++) {
      if (p >= end) throw new Decline("truncated StackMapTable");
      int type = b[p++] & 0xff;
      int delta;
      if (type < 128) {
        delta = type < 64 ? type : type - 64;
      } else if (type >= SAME_LOCALS_1_EXTENDED) {
        delta = ByteSink.u2(b, p);
        p += 2;
      } else {
        throw new Decline("frame type " + type);
      }
      int oldOffset = oldPrevious + delta + 1;
      int newOffset = map.map(oldOffset);
      int newDelta = newOffset - newPrevious - 1;
      if (newDelta < 0 || newDelta > 0xffff) throw new Decline("frame delta " + newDelta);
      oldPrevious = oldOffset;
      newPrevious = newOffset;
      if (type < 64 || type == SAME_EXTENDED) {
        if (newDelta < 64 && type < 64) out.u1(newDelta);
        else out.u1(SAME_EXTENDED).u2(newDelta);
      } else if (type < 128 || type == SAME_LOCALS_1_EXTENDED) {
        if (newDelta < 64 && type < 128) out.u1(64 + newDelta);
        else out.u1(SAME_LOCALS_1_EXTENDED).u2(newDelta);
        p = type(b, p, map, out);
      } else if (type < SAME_EXTENDED) { // chop
        out.u1(type).u2(newDelta);
      } else if (type < FULL) { // append
        out.u1(type).u2(newDelta);
        for (int k = 0; k < type - SAME_EXTENDED; k++) p = type(b, p, map, out);
      } else {
        out.u1(type).u2(newDelta);
        int locals = ByteSink.u2(b, p);
        out.u2(locals);
        p += 2;
        for (int k = 0; k < locals; k++) p = type(b, p, map, out);
        int stack = ByteSink.u2(b, p);
        out.u2(stack);
        p += 2;
        for (int k = 0; k < stack; k++) p = type(b, p, map, out);
      }
    }
    if (p != end) throw new Decline("StackMapTable length");
    if (extra != null) {
      int newDelta = extraOffset - newPrevious - 1;
      if (newDelta < 0) throw new Decline("appended frame before the last");
      out.u1(FULL).u2(newDelta).bytes(extra);
    }
  }

  /** Copies one verification_type_info, moving an uninitialized type's offset; returns the next position. */
  private static int type(byte[] b, int p, OffsetMap map, ByteSink out) {
    int tag = b[p] & 0xff;
    out.u1(tag);
    if (tag <= 6) return p + 1; // top, int, float, double, long, null, uninitializedThis
    if (tag == 7) {
      out.u2(ByteSink.u2(b, p + 1));
      return p + 3;
    }
    if (tag == 8) {
      out.u2(map.map(ByteSink.u2(b, p + 1)));
      return p + 3;
    }
    throw new Decline("verification type " + tag);
  }

  /** A full frame's body for a handler: the locals on entry ({@code this}, then the arguments), one Throwable on the stack. */
  static ByteSink handlerFrame(String desc, boolean isStatic, int thisClass, ConstantPool cp) {
    ByteSink locals = new ByteSink(32);
    int count = 0;
    if (!isStatic) {
      locals.u1(7).u2(thisClass);
      count++;
    }
    int i = 1;
    while (desc.charAt(i) != ')') {
      char c = desc.charAt(i);
      int start = i;
      while (desc.charAt(i) == '[') i++;
      if (desc.charAt(i) == 'L') i = desc.indexOf(';', i);
      i++;
      if (c == '[') locals.u1(7).u2(cp.classRef(desc.substring(start, i)));
      else if (c == 'L') locals.u1(7).u2(cp.classRef(desc.substring(start + 1, i - 1)));
      else if (c == 'J') locals.u1(4);
      else if (c == 'D') locals.u1(3);
      else if (c == 'F') locals.u1(2);
      else locals.u1(1); // int, short, char, byte, boolean
      count++;
    }
    ByteSink frame = new ByteSink(locals.size() + 8);
    frame.u2(count).bytes(locals).u2(1).u1(7).u2(cp.classRef("java/lang/Throwable"));
    return frame;
  }
}
