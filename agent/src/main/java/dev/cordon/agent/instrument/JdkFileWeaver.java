package dev.cordon.agent.instrument;

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
 * Weaves the JDK's file funnels with plain ASM (the copy inside Byte Buddy's jar) instead of Byte
 * Buddy's Advice: when a policy declares file datasets the application may not start before these
 * six classes are woven, and loading Byte Buddy's type model costs about half a second, against a
 * few milliseconds for ASM's reader and writer.
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

  private static final String DISPATCH = "dev/cordon/bootstrap/Dispatch";
  private static final String UNIX_PATH = "Lsun/nio/fs/UnixPath;";
  private static final String OBJ = "Ljava/lang/Object;";
  private static final String STRING_INT = "(Ljava/lang/String;I)V";

  /** How the arguments reach the call: a local slot and its load opcode, or an int constant. */
  private static final int CONST = -1;

  /**
   * One hook point, matched by name and exact descriptor (the same in Java 17 to 25). {@code loads}
   * holds pairs (opcode, slot), or (CONST, value) for an int constant; {@code call} names the
   * Dispatch method and its descriptor. {@code atReturn} puts the call before each return instead
   * of at entry (a constructor's exit, where {@code this} is fully built).
   */
  private record Hook(String type, String name, String desc, String call, String callDesc, int[] loads,
      boolean changedAfter, boolean atReturn) {
    static Hook enter(String type, String name, String desc, String call, String callDesc, int... loads) {
      return new Hook(type, name, desc, call, callDesc, loads, false, false);
    }

    Hook thenChanged() {
      return new Hook(type, name, desc, call, callDesc, loads, true, atReturn);
    }
  }

  private static final List<Hook> HOOKS = List.of(
      // FileInputStream, FileReader, Scanner(File): Dispatch.fileOpen(name, READ)
      Hook.enter("java/io/FileInputStream", "open", "(Ljava/lang/String;)V", "fileOpen", STRING_INT,
          Opcodes.ALOAD, 1, CONST, 1),
      // FileOutputStream, FileWriter: Dispatch.fileOpen(name, WRITE)
      Hook.enter("java/io/FileOutputStream", "open", "(Ljava/lang/String;Z)V", "fileOpen", STRING_INT,
          Opcodes.ALOAD, 1, CONST, 2),
      // RandomAccessFile, its channels and maps, ZipFile/JarFile
      Hook.enter("java/io/RandomAccessFile", "open", "(Ljava/lang/String;I)V", "fileOpenRandomAccess", STRING_INT,
          Opcodes.ALOAD, 1, Opcodes.ILOAD, 2),
      // File.renameTo and File.delete
      Hook.enter("java/io/UnixFileSystem", "rename", "(Ljava/io/File;Ljava/io/File;)Z", "fileRename",
          "(" + OBJ + OBJ + ")V", Opcodes.ALOAD, 1, Opcodes.ALOAD, 2).thenChanged(),
      Hook.enter("java/io/UnixFileSystem", "delete", "(Ljava/io/File;)Z", "fileDelete", "(" + OBJ + ")V",
          Opcodes.ALOAD, 1),
      // Every NIO open, move, link, symbolic link and delete (static methods: arguments from slot 0)
      Hook.enter("sun/nio/fs/UnixNativeDispatcher", "open", "(" + UNIX_PATH + "II)I", "fileOpenNative",
          "(" + OBJ + "I)V", Opcodes.ALOAD, 0, Opcodes.ILOAD, 1),
      Hook.enter("sun/nio/fs/UnixNativeDispatcher", "rename", "(" + UNIX_PATH + UNIX_PATH + ")V", "fileRename",
          "(" + OBJ + OBJ + ")V", Opcodes.ALOAD, 0, Opcodes.ALOAD, 1).thenChanged(),
      Hook.enter("sun/nio/fs/UnixNativeDispatcher", "link", "(" + UNIX_PATH + UNIX_PATH + ")V", "fileLink",
          "(" + OBJ + OBJ + ")V", Opcodes.ALOAD, 0, Opcodes.ALOAD, 1).thenChanged(),
      Hook.enter("sun/nio/fs/UnixNativeDispatcher", "symlink", "([B" + UNIX_PATH + ")V", null, null).thenChanged(),
      Hook.enter("sun/nio/fs/UnixNativeDispatcher", "unlink", "(" + UNIX_PATH + ")V", "fileDelete", "(" + OBJ + ")V",
          Opcodes.ALOAD, 0),
      Hook.enter("sun/nio/fs/UnixNativeDispatcher", "rmdir", "(" + UNIX_PATH + ")V", "fileDelete", "(" + OBJ + ")V",
          Opcodes.ALOAD, 0),
      // SecureDirectoryStream: opens, deletes and moves relative to the stream's directory
      new Hook("sun/nio/fs/UnixSecureDirectoryStream", "<init>",
          "(" + UNIX_PATH + "JILjava/nio/file/DirectoryStream$Filter;)V", "fileDirectoryOpened", "(" + OBJ + OBJ + ")V",
          new int[] {Opcodes.ALOAD, 0, Opcodes.ALOAD, 1}, false, true),
      Hook.enter("sun/nio/fs/UnixSecureDirectoryStream", "newByteChannel",
          "(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)"
              + "Ljava/nio/channels/SeekableByteChannel;",
          "fileOpenInDirectory", "(" + OBJ + OBJ + "Ljava/util/Set;)V", Opcodes.ALOAD, 0, Opcodes.ALOAD, 1,
          Opcodes.ALOAD, 2),
      Hook.enter("sun/nio/fs/UnixSecureDirectoryStream", "deleteFile", "(Ljava/nio/file/Path;)V",
          "fileDeleteInDirectory", "(" + OBJ + OBJ + ")V", Opcodes.ALOAD, 0, Opcodes.ALOAD, 1),
      Hook.enter("sun/nio/fs/UnixSecureDirectoryStream", "deleteDirectory", "(Ljava/nio/file/Path;)V",
          "fileDeleteInDirectory", "(" + OBJ + OBJ + ")V", Opcodes.ALOAD, 0, Opcodes.ALOAD, 1),
      Hook.enter("sun/nio/fs/UnixSecureDirectoryStream", "move",
          "(Ljava/nio/file/Path;Ljava/nio/file/SecureDirectoryStream;Ljava/nio/file/Path;)V", "fileMoveInDirectory",
          "(" + OBJ + OBJ + OBJ + OBJ + ")V", Opcodes.ALOAD, 0, Opcodes.ALOAD, 1, Opcodes.ALOAD, 2, Opcodes.ALOAD, 3)
          .thenChanged());

  /** The internal names of the classes this weaver changes. */
  static boolean weaves(String internalName) {
    for (Hook h : HOOKS) if (h.type.equals(internalName)) return true;
    return false;
  }

  /**
   * The woven class file, or null to leave it as it is. A hook point missing from this JDK is
   * reported (its opens are not governed) and the others are still woven.
   */
  static byte[] weave(String internalName, byte[] bytes, WeaveReport report) {
    List<Hook> hooks = new ArrayList<>();
    for (Hook h : HOOKS) if (h.type.equals(internalName)) hooks.add(h);
    if (hooks.isEmpty()) return null;
    ClassReader reader = new ClassReader(bytes);
    // COMPUTE_MAXS only: frames are kept as they are and the one new frame is given explicitly, so
    // ASM never has to load classes to merge types (which it would do inside this transformer).
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    boolean[] found = new boolean[hooks.size()];
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
        for (int i = 0; i < hooks.size(); i++) {
          Hook h = hooks.get(i);
          if (h.name.equals(name) && h.desc.equals(desc)) {
            found[i] = true;
            return new HookedMethod(mv, h, internalName, access, desc);
          }
        }
        return mv;
      }
    }, 0);
    String type = internalName.replace('/', '.');
    // Only what failed is reported: this runs on the application's main thread, before the logger exists.
    for (int i = 0; i < hooks.size(); i++) {
      if (!found[i]) report.failed(type, "no method matches hook point '" + hooks.get(i).name + "'");
    }
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
      if (!hook.atReturn && hook.call != null) call();
      if (hook.changedAfter) {
        super.visitTryCatchBlock(tryStart, tryEnd, handler, null);
        super.visitLabel(tryStart);
      }
    }

    private void call() {
      int[] l = hook.loads;
      for (int i = 0; i < l.length; i += 2) {
        if (l[i] == CONST) super.visitInsn(Opcodes.ICONST_0 + l[i + 1]);
        else super.visitVarInsn(l[i], l[i + 1]);
      }
      super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCH, hook.call, hook.callDesc, false);
    }

    private void filesChanged() {
      super.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCH, "filesChanged", "()V", false);
    }

    @Override
    public void visitInsn(int opcode) {
      begin();
      if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
        if (hook.atReturn) call();
        if (hook.changedAfter) filesChanged();
      }
      super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      begin();
      if (hook.changedAfter) {
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
