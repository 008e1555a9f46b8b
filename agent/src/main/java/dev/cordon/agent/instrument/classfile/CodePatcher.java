package dev.cordon.agent.instrument.classfile;

import static dev.cordon.agent.instrument.classfile.Instructions.GOTO_W;
import static dev.cordon.agent.instrument.classfile.Instructions.LOOKUPSWITCH;
import static dev.cordon.agent.instrument.classfile.Instructions.TABLESWITCH;

/**
 * Rewrites one method's Code attribute for one hook: the entry call at offset 0, calls before each
 * return, and a catch-all handler after the code. Every structure that carries a code offset is
 * moved with {@link OffsetMap}; what this class does not know (type annotations on code, any
 * other Code attribute, subroutines, a branch that no longer fits in 16 bits) makes it decline.
 */
final class CodePatcher {
  private CodePatcher() {}

  /**
   * Writes the patched attribute (name index, length and body) for the Code attribute at
   * {@code b[attr..]} (its name index).
   */
  static void patch(byte[] b, int attr, ConstantPool cp, int thisClass, int access, Hook hook, ByteSink out) {
    int attrEnd = attr + 6 + ByteSink.u4(b, attr + 2);
    int maxStack = ByteSink.u2(b, attr + 6);
    int maxLocals = ByteSink.u2(b, attr + 8);
    int codeLength = ByteSink.u4(b, attr + 10);
    int code = attr + 14;
    int codeEnd = code + codeLength;
    if (codeLength <= 0 || codeLength > 0xffff || codeEnd > attrEnd) throw new Decline("code length");
    boolean changed = hook.changedAfter();
    if (changed && hook.name().equals("<init>")) throw new Decline("catch-all in a constructor");

    // What is inserted: on entry, before each return, and the handler after the code.
    ByteSink call = new ByteSink(16);
    int callStack = 0;
    if (hook.call() != null) {
      int[] loads = hook.loads();
      for (int i = 0; i < loads.length; i += 2) {
        load(loads[i], loads[i + 1], call);
        callStack++;
      }
      call.u1(Instructions.INVOKESTATIC).u2(cp.methodRef(Hook.DISPATCH, hook.call(), hook.callDesc()));
    }
    ByteSink entry = hook.atReturn() ? new ByteSink(0) : call;
    ByteSink beforeReturn = new ByteSink(8);
    if (hook.atReturn()) beforeReturn.bytes(call);
    int filesChanged = changed ? cp.methodRef(Hook.DISPATCH, "filesChanged", "()V") : 0;
    if (changed) beforeReturn.u1(Instructions.INVOKESTATIC).u2(filesChanged);

    // Pass 1: where each instruction goes. A switch's padding follows its new offset.
    OffsetMap map = new OffsetMap(codeLength);
    int n = entry.size();
    for (int o = 0; o < codeLength; ) {
      int op = b[code + o] & 0xff;
      int len = Instructions.length(b, code, o, codeEnd);
      if (o + len > codeLength) throw new Decline("instruction past the code");
      map.set(o, n);
      if (Instructions.isReturn(op)) n += beforeReturn.size();
      n += (op == TABLESWITCH || op == LOOKUPSWITCH) ? len - Instructions.padding(o) + Instructions.padding(n) : len;
      o += len;
    }
    map.set(codeLength, n);
    int handler = n;
    int newLength = n + (changed ? 4 : 0);
    if (newLength > 0xffff) throw new Decline("patched code too long");

    // Pass 2: the code.
    ByteSink body = new ByteSink(newLength + 64);
    body.u2(0).u2(maxLocals).u4(newLength);
    int base = body.size();
    body.bytes(entry);
    for (int o = 0; o < codeLength; ) {
      int op = b[code + o] & 0xff;
      int len = Instructions.length(b, code, o, codeEnd);
      if (Instructions.isReturn(op)) body.bytes(beforeReturn);
      int at = body.size() - base;
      if (Instructions.isBranch16(op)) {
        int disp = map.map(o + ByteSink.s2(b, code + o + 1)) - at;
        if (disp < Short.MIN_VALUE || disp > Short.MAX_VALUE) throw new Decline("branch out of 16-bit range");
        body.u1(op).u2(disp);
      } else if (op == GOTO_W) {
        body.u1(op).u4(map.map(o + ByteSink.u4(b, code + o + 1)) - at);
      } else if (op == TABLESWITCH || op == LOOKUPSWITCH) {
        body.u1(op);
        for (int k = Instructions.padding(at); k > 0; k--) body.u1(0);
        int p = code + o + 1 + Instructions.padding(o);
        body.u4(map.map(o + ByteSink.u4(b, p)) - at);
        if (op == TABLESWITCH) {
          int low = ByteSink.u4(b, p + 4), high = ByteSink.u4(b, p + 8);
          body.u4(low).u4(high);
          for (int k = 0, q = p + 12; k <= high - low; k++, q += 4) body.u4(map.map(o + ByteSink.u4(b, q)) - at);
        } else {
          int pairs = ByteSink.u4(b, p + 4);
          body.u4(pairs);
          for (int k = 0, q = p + 8; k < pairs; k++, q += 8) {
            body.u4(ByteSink.u4(b, q)).u4(map.map(o + ByteSink.u4(b, q + 4)) - at);
          }
        }
      } else {
        body.bytes(b, code + o, len);
      }
      o += len;
    }
    if (changed) body.u1(Instructions.INVOKESTATIC).u2(filesChanged).u1(Instructions.ATHROW);
    if (body.size() - base != newLength) throw new Decline("code size mismatch");

    // The exception table; the catch-all comes last, so the method's own handlers keep their exceptions.
    int p = codeEnd;
    int handlers = ByteSink.u2(b, p);
    p += 2;
    body.u2(handlers + (changed ? 1 : 0));
    for (int k = 0; k < handlers; k++, p += 8) {
      body.u2(map.map(ByteSink.u2(b, p))).u2(map.map(ByteSink.u2(b, p + 2))).u2(map.map(ByteSink.u2(b, p + 4)))
          .u2(ByteSink.u2(b, p + 6));
    }
    if (changed) body.u2(map.map(0)).u2(handler).u2(handler).u2(0);

    // The Code attribute's own attributes.
    int attributes = ByteSink.u2(b, p);
    p += 2;
    int countAt = body.size();
    body.u2(attributes);
    boolean hasFrames = false;
    ByteSink frame = changed ? StackMaps.handlerFrame(hook.desc(), (access & 0x0008) != 0, thisClass, cp) : null;
    for (int k = 0; k < attributes; k++) {
      int name = ByteSink.u2(b, p);
      int len = ByteSink.u4(b, p + 2);
      int at = p + 6;
      p = at + len;
      if (p > attrEnd) throw new Decline("truncated Code attribute");
      body.u2(name);
      int lengthAt = body.size();
      body.u4(0);
      if (cp.isUtf8(name, "StackMapTable")) {
        hasFrames = true;
        StackMaps.rewrite(b, at, len, map, frame, handler, body);
      } else if (cp.isUtf8(name, "LineNumberTable")) {
        int lines = ByteSink.u2(b, at);
        body.u2(lines);
        for (int q = at + 2, i = 0; i < lines; i++, q += 4) body.u2(map.map(ByteSink.u2(b, q))).u2(ByteSink.u2(b, q + 2));
      } else if (cp.isUtf8(name, "LocalVariableTable") || cp.isUtf8(name, "LocalVariableTypeTable")) {
        int vars = ByteSink.u2(b, at);
        body.u2(vars);
        for (int q = at + 2, i = 0; i < vars; i++, q += 10) {
          int start = ByteSink.u2(b, q);
          int newStart = map.map(start);
          body.u2(newStart).u2(map.map(start + ByteSink.u2(b, q + 2)) - newStart).bytes(b, q + 4, 6);
        }
      } else {
        throw new Decline("Code attribute not handled"); // type annotations carry offsets we do not move
      }
      body.u4At(lengthAt, body.size() - lengthAt - 4);
    }
    if (p != attrEnd) throw new Decline("Code attribute length");
    if (changed && !hasFrames) {
      body.u2At(countAt, attributes + 1);
      body.u2(cp.utf8("StackMapTable"));
      int lengthAt = body.size();
      body.u4(0).u2(1).u1(255).u2(handler).bytes(frame);
      body.u4At(lengthAt, body.size() - lengthAt - 4);
    }

    // The stack grows by the entry call's arguments on an empty stack, by the call's before a
    // return (over whatever the return leaves there), and to the one Throwable in the handler.
    int stack = Math.max(maxStack, hook.atReturn() ? 0 : callStack);
    if (hook.atReturn()) stack = Math.max(stack, maxStack + callStack);
    if (changed) stack = Math.max(stack, 1);
    if (stack > 0xffff) throw new Decline("max_stack");
    body.u2At(0, stack);
    out.u2(ByteSink.u2(b, attr)).u4(body.size()).bytes(body);
  }

  /** The short form for slots 0-3, as ASM writes it. */
  private static void load(int opcode, int operand, ByteSink out) {
    if (opcode == Hook.CONST) {
      if (operand < -1 || operand > 5) throw new Decline("constant " + operand);
      out.u1(0x03 + operand); // iconst_<n>
    } else if (opcode == Hook.ALOAD || opcode == Hook.ILOAD) {
      if (operand < 0 || operand > 0xff) throw new Decline("slot " + operand);
      if (operand <= 3) out.u1((opcode == Hook.ALOAD ? 0x2a : 0x1a) + operand);
      else out.u1(opcode).u1(operand);
    } else {
      throw new Decline("load opcode " + opcode);
    }
  }
}
