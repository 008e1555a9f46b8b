package dev.cordon.agent.instrument;

import dev.cordon.agent.instrument.classfile.Hook;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The fallback of {@link JdkFileWeaver}: the same insertions made with plain ASM (the copy inside
 * Byte Buddy's jar), for a class file the patcher declines. A class of its own so that ASM's classes
 * load only when it is used: loading and verifying them costs tens of milliseconds at start-up.
 */
final class AsmFileWeaver {
  private AsmFileWeaver() {}

  /** The woven class file; {@code found[i]} is set when {@code hooks.get(i)}'s method was seen. */
  static byte[] weave(byte[] bytes, List<Hook> hooks, boolean[] found, String internalName) {
    ClassReader reader = new ClassReader(bytes);
    // COMPUTE_MAXS only: frames are kept as they are and the one new frame is given explicitly, so
    // ASM never has to load classes to merge types (which it would do inside this transformer).
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
        for (int i = 0; i < hooks.size(); i++) {
          Hook h = hooks.get(i);
          if (h.name().equals(name) && h.desc().equals(desc)) {
            found[i] = true;
            return new HookedMethod(mv, h, internalName, access, desc);
          }
        }
        return mv;
      }
    }, 0);
    return writer.toByteArray();
  }

  /** Inserts one hook's calls into one method. */
  private static final class HookedMethod extends MethodVisitor {
    private final Hook hook;
    private final String owner;
    private final int access;
    private final String desc;
    private final Label tryStart = new Label();
    private final Label tryEnd = new Label();
    private final Label handler = new Label();
    private boolean begun;

    HookedMethod(MethodVisitor mv, Hook hook, String owner, int access, String desc) {
      super(Opcodes.ASM9, mv);
      this.hook = hook;
      this.owner = owner;
      this.access = access;
      this.desc = desc;
    }

    /**
     * Called before the first label, frame or instruction: by then ASM has passed on the method's
     * own try/catch entries, so the catch-all declared here comes after them in the exception table
     * and never steals an exception the method handles itself.
     */
    private void begin() {
      if (begun) return;
      begun = true;
      if (!hook.atReturn() && hook.call() != null) call();
      if (hook.changedAfter()) {
        super.visitTryCatchBlock(tryStart, tryEnd, handler, null);
        super.visitLabel(tryStart);
      }
    }

    private void call() {
      int[] l = hook.loads();
      for (int i = 0; i < l.length; i += 2) {
        if (l[i] == Hook.CONST) super.visitInsn(Opcodes.ICONST_0 + l[i + 1]);
        else super.visitVarInsn(l[i], l[i + 1]);
      }
      super.visitMethodInsn(Opcodes.INVOKESTATIC, Hook.DISPATCH, hook.call(), hook.callDesc(), false);
    }

    private void filesChanged() {
      super.visitMethodInsn(Opcodes.INVOKESTATIC, Hook.DISPATCH, "filesChanged", "()V", false);
    }

    @Override
    public void visitInsn(int opcode) {
      begin();
      if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
        if (hook.atReturn()) call();
        if (hook.changedAfter()) filesChanged();
      }
      super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      begin();
      if (hook.changedAfter()) {
        super.visitLabel(tryEnd);
        super.visitLabel(handler);
        Object[] locals = entryLocals();
        super.visitFrame(Opcodes.F_FULL, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
        filesChanged();
        super.visitInsn(Opcodes.ATHROW);
      }
      super.visitMaxs(maxStack, maxLocals);
    }

    /** The locals on entry ({@code this}, then the arguments), as a full stack map frame lists them. */
    private Object[] entryLocals() {
      List<Object> locals = new ArrayList<>();
      if ((access & Opcodes.ACC_STATIC) == 0) locals.add(owner);
      for (Type t : Type.getArgumentTypes(desc)) {
        switch (t.getSort()) {
          case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> locals.add(Opcodes.INTEGER);
          case Type.LONG -> locals.add(Opcodes.LONG);
          case Type.FLOAT -> locals.add(Opcodes.FLOAT);
          case Type.DOUBLE -> locals.add(Opcodes.DOUBLE);
          case Type.ARRAY -> locals.add(t.getDescriptor());
          default -> locals.add(t.getInternalName());
        }
      }
      return locals.toArray();
    }

    // Every other visit that can come first in the code: begin() before it.
    @Override public void visitLabel(Label label) { begin(); super.visitLabel(label); }
    @Override public void visitFrame(int type, int nLocal, Object[] local, int nStack, Object[] stack) {
      begin();
      super.visitFrame(type, nLocal, local, nStack, stack);
    }
    @Override public void visitIntInsn(int opcode, int operand) { begin(); super.visitIntInsn(opcode, operand); }
    @Override public void visitVarInsn(int opcode, int var) { begin(); super.visitVarInsn(opcode, var); }
    @Override public void visitTypeInsn(int opcode, String type) { begin(); super.visitTypeInsn(opcode, type); }
    @Override public void visitFieldInsn(int opcode, String owner, String name, String d) {
      begin();
      super.visitFieldInsn(opcode, owner, name, d);
    }
    @Override public void visitMethodInsn(int opcode, String owner, String name, String d, boolean itf) {
      begin();
      super.visitMethodInsn(opcode, owner, name, d, itf);
    }
    @Override public void visitInvokeDynamicInsn(String name, String d, net.bytebuddy.jar.asm.Handle bsm, Object... args) {
      begin();
      super.visitInvokeDynamicInsn(name, d, bsm, args);
    }
    @Override public void visitJumpInsn(int opcode, Label label) { begin(); super.visitJumpInsn(opcode, label); }
    @Override public void visitLdcInsn(Object value) { begin(); super.visitLdcInsn(value); }
    @Override public void visitIincInsn(int var, int increment) { begin(); super.visitIincInsn(var, increment); }
    @Override public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      begin();
      super.visitTableSwitchInsn(min, max, dflt, labels);
    }
    @Override public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      begin();
      super.visitLookupSwitchInsn(dflt, keys, labels);
    }
    @Override public void visitMultiANewArrayInsn(String d, int numDimensions) {
      begin();
      super.visitMultiANewArrayInsn(d, numDimensions);
    }
    @Override public void visitLineNumber(int line, Label start) { begin(); super.visitLineNumber(line, start); }
  }
}
