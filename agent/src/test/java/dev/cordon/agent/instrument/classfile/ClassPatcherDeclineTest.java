package dev.cordon.agent.instrument.classfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** What the patcher refuses: it answers null (the caller then uses ASM) and never throws. */
class ClassPatcherDeclineTest {
  private static final Hook FAR = Hook.enter("t/Far", "far", "(I)V", "fileOpen", "(II)V", Hook.ILOAD, 0, Hook.CONST, 1)
      .thenChanged();

  /**
   * A method whose ifeq at offset 1 jumps {@code distance} bytes forward over a return: with
   * filesChanged() inserted before that return (3 bytes), the branch grows by 3.
   */
  private static byte[] farBranch(int distance) {
    ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "t/Far", null, "java/lang/Object", null);
    MethodVisitor m = w.visitMethod(Opcodes.ACC_STATIC, "far", "(I)V", null, null);
    m.visitCode();
    Label end = new Label();
    m.visitVarInsn(Opcodes.ILOAD, 0);
    m.visitJumpInsn(Opcodes.IFEQ, end);
    // offset 4 .. 1 + distance: nops and one return
    for (int i = 0; i < distance - 4; i++) m.visitInsn(Opcodes.NOP);
    m.visitInsn(Opcodes.RETURN);
    m.visitLabel(end);
    m.visitInsn(Opcodes.RETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();
    w.visitEnd();
    return w.toByteArray();
  }

  @Test
  void aBranchPushedPast32767IsDeclinedAndOneThatStillFitsIsPatched() {
    assertNotNull(ClassPatcher.patch(farBranch(32764), List.of(FAR), new boolean[1])); // 32764 + 3 = 32767
    boolean[] found = new boolean[1];
    assertNull(ClassPatcher.patch(farBranch(32765), List.of(FAR), found));              // 32768
    assertFalse(found[0], "nothing is reported found from a declined class");
    assertTrue(ClassPatcher.whyDeclined(farBranch(32765), List.of(FAR)).contains("16-bit"));
  }

  @Test
  void malformedClassFilesAreDeclinedNotThrown() {
    byte[] good = farBranch(100);
    assertNotNull(ClassPatcher.patch(good, List.of(FAR), new boolean[1]));
    for (int cut : new int[] {0, 4, 9, 20, good.length / 2, good.length - 3}) {
      assertNull(ClassPatcher.patch(Arrays.copyOf(good, cut), List.of(FAR), new boolean[1]), "cut at " + cut);
    }
    byte[] badOpcode = good.clone();
    badOpcode[indexOf(good, new byte[] {0x1a, (byte) 0x99})] = (byte) 0xa8; // iload_0 -> jsr
    assertNull(ClassPatcher.patch(badOpcode, List.of(FAR), new boolean[1]));
  }

  @Test
  void aClassWithoutTheHookedMethodIsLeftAsItIs() {
    byte[] bytes = farBranch(100);
    Hook other = Hook.enter("t/Far", "near", "(I)V", "fileOpen", "(II)V", Hook.ILOAD, 0, Hook.CONST, 1);
    boolean[] found = new boolean[1];
    assertSame(bytes, ClassPatcher.patch(bytes, List.of(other), found));
    assertFalse(found[0]);
    assertArrayEquals(new boolean[] {true, false},
        found(bytes, List.of(FAR, other)));
  }

  private static boolean[] found(byte[] bytes, List<Hook> hooks) {
    boolean[] found = new boolean[hooks.size()];
    assertNotNull(ClassPatcher.patch(bytes, hooks, found));
    return found;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    throw new AssertionError("not found");
  }
}
