package dev.cordon.agent.instrument;

import static dev.cordon.agent.instrument.classfile.Hook.ALOAD;
import static dev.cordon.agent.instrument.classfile.Hook.CONST;
import static dev.cordon.agent.instrument.classfile.Hook.ILOAD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.agent.instrument.classfile.ClassPatcher;
import dev.cordon.agent.instrument.classfile.Hook;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The class-file patcher gives the same program as the ASM weaver: for the six JDK funnels of the
 * running JDK, and for javac-compiled samples shaped to move every kind of offset
 * ({@link PatchSamples}). Equal means equal as ASM prints them (instructions, labels, frames, line
 * numbers, local variables, exception table), so an offset off by one anywhere fails here.
 */
class PatcherEquivalenceTest {
  private static final String[] FUNNELS = {
    "java/io/FileInputStream", "java/io/FileOutputStream", "java/io/RandomAccessFile",
    "java/io/UnixFileSystem", "sun/nio/fs/UnixNativeDispatcher", "sun/nio/fs/UnixSecureDirectoryStream",
  };

  static byte[] jdkClass(String internalName) throws Exception {
    var jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    return Files.readAllBytes(jrt.getPath("modules", "java.base", internalName + ".class"));
  }

  static byte[] testClass(Class<?> c) throws Exception {
    try (var in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  /** Patches with the patcher and with ASM, checks both found every hook and print the same. */
  static byte[] patchedLikeAsm(String internalName, byte[] original, List<Hook> hooks) {
    boolean[] found = new boolean[hooks.size()];
    byte[] patched = ClassPatcher.patch(original, hooks, found);
    assertNotNull(patched, internalName + ": " + ClassPatcher.whyDeclined(original, hooks));
    for (int i = 0; i < found.length; i++) assertTrue(found[i], internalName + " " + hooks.get(i).name());
    boolean[] asmFound = new boolean[hooks.size()];
    byte[] asm = AsmFileWeaver.weave(original, hooks, asmFound, internalName);
    assertArrayEquals(asmFound, found);
    assertEquals(Bytecode.text(asm), Bytecode.text(patched), internalName);
    // max_stack: never below what ASM computes (the patcher adds what the calls push, without data flow).
    List<String> asmMax = Bytecode.maxStacks(asm), patchedMax = Bytecode.maxStacks(patched);
    assertEquals(asmMax.size(), patchedMax.size());
    for (int i = 0; i < asmMax.size(); i++) {
      String[] a = asmMax.get(i).split("="), p = patchedMax.get(i).split("=");
      assertEquals(a[0], p[0]);
      assertTrue(Integer.parseInt(p[1]) >= Integer.parseInt(a[1]), asmMax.get(i) + " vs " + patchedMax.get(i));
    }
    assertEquals("", Bytecode.verify(patched), internalName);
    return patched;
  }

  @Test
  void theSixJdkFunnelsArePatchedAsAsmWeavesThem() throws Exception {
    int hooks = 0;
    for (String name : FUNNELS) {
      List<Hook> forClass = JdkFileHookPoints.of(name);
      hooks += forClass.size();
      byte[] original = jdkClass(name);
      byte[] patched = patchedLikeAsm(name, original, forClass);
      // Something was inserted in each hooked method (the text comparison alone would pass if both did nothing).
      for (Hook h : forClass) {
        String printed = Bytecode.method(patched, h.name());
        assertTrue(printed.contains("dev/cordon/bootstrap/Dispatch."), name + "." + h.name() + "\n" + printed);
      }
    }
    assertEquals(JdkFileHookPoints.ALL.size(), hooks);
  }

  @Test
  void theWeaverUsesThePatcherAndItsOutputIsThePatchersOwn() throws Exception {
    for (String name : FUNNELS) {
      byte[] original = jdkClass(name);
      byte[] patched = ClassPatcher.patch(original, JdkFileHookPoints.of(name), new boolean[JdkFileHookPoints.of(name).size()]);
      assertArrayEquals(patched, JdkFileWeaver.weave(name, original, null), name);
    }
  }

  static final String SAMPLES = "dev/cordon/agent/instrument/PatchSamples";

  /** The samples' hooks: 5-byte entry calls (ILOAD + ICONST + INVOKESTATIC), so offsets move by 5 and paddings change. */
  static final List<Hook> SAMPLE_HOOKS = List.of(
      Hook.enter(SAMPLES, "countDown", "(I)I", "enter", "(II)V", ILOAD, 0, CONST, 1),
      Hook.enter(SAMPLES, "sign", "(I)I", "enter", "(II)V", ILOAD, 0, CONST, 1).thenChanged(),
      Hook.enter(SAMPLES, "table", "(I)I", "enter", "(II)V", ILOAD, 0, CONST, 1).thenChanged(),
      Hook.enter(SAMPLES, "lookup", "(I)I", "enter", "(II)V", ILOAD, 0, CONST, 1).thenChanged(),
      Hook.enter(SAMPLES, "longThenBranch", "(I)I", "enter", "(II)V", ILOAD, 0, CONST, 1),
      Hook.enter(SAMPLES, "tryCatch", "(I)I", "enter", "(II)V", ILOAD, 0, CONST, 1).thenChanged(),
      Hook.enter(SAMPLES, "tryFinally", "(I)I", "enter", "(II)V", ILOAD, 0, CONST, 1).thenChanged(),
      Hook.enter(SAMPLES, "wide", "(IJD[ILjava/lang/String;)J", "enter", "(II)V", ILOAD, 0, CONST, 2).thenChanged(),
      Hook.enter(SAMPLES, "instance", "(I)I", "enter", "(II)V", ILOAD, 1, CONST, 3).thenChanged(),
      Hook.enter(SAMPLES, "thrower", "(I)I", null, null).thenChanged(),
      Hook.enter(SAMPLES, "skipToReturn", "(I)V", "enter", "(II)V", ILOAD, 0, CONST, 5).thenChanged(),
      Hook.enter(SAMPLES, "uninitialized", "(I)Ljava/lang/String;", "enter", "(II)V", ILOAD, 0, CONST, 0),
      Hook.exit(SAMPLES, "exits", "(I)I", "exit", "(II)V", ILOAD, 0, CONST, 4));

  @Test
  void samplesArePatchedAsAsmWeavesThem() throws Exception {
    patchedLikeAsm(SAMPLES, testClass(PatchSamples.class), SAMPLE_HOOKS);
  }

  @Test
  void theSamplesLayoutsExerciseWhatTheyAreFor() throws Exception {
    byte[] original = testClass(PatchSamples.class);
    byte[] patched = ClassPatcher.patch(original, SAMPLE_HOOKS, new boolean[SAMPLE_HOOKS.size()]);
    // A same_frame at 60 and a same_locals_1_stack_item at 61 before, extended forms after.
    assertEquals(List.of(60, 60), StackMapDump.firstFrame(original, "longThenBranch"));
    assertEquals(List.of(65, 251), StackMapDump.firstFrame(patched, "longThenBranch"));
    assertEquals(List.of(61, 64 + 61), StackMapDump.firstFrame(original, "tryCatch"));
    // 61 + 5 (entry call) + 3 (filesChanged before the try block's return)
    assertEquals(List.of(69, 247), StackMapDump.firstFrame(patched, "tryCatch"));
    // countDown loops back to offset 0 (a frame there), then to 5 once patched.
    assertEquals(List.of(0, 0), StackMapDump.firstFrame(original, "countDown"));
    assertEquals(List.of(5, 5), StackMapDump.firstFrame(patched, "countDown"));
    // uninitialized: frames name the `new` at offset 0 (moved to 5; the text comparison checks it).
    assertTrue(Bytecode.method(original, "uninitialized").contains("FRAME FULL [I] [L0 L0]"),
        Bytecode.method(original, "uninitialized"));
  }

  /** Outcome of one call: its value, or the exception's class, and the calls the fake Dispatch saw. */
  record Outcome(String result, List<String> calls) {}

  @Test
  void patchedSamplesRunWithTheSameResultsAndMakeTheHookCalls() throws Exception {
    byte[] patched = ClassPatcher.patch(testClass(PatchSamples.class), SAMPLE_HOOKS, new boolean[SAMPLE_HOOKS.size()]);
    SampleRunner run = new SampleRunner(patched);
    assertEquals(new Outcome("0", List.of("enter 3 1")), run.call("countDown", 3)); // the loop back to 0 does not call again
    assertEquals(new Outcome("1", List.of("enter 5 1", "changed")), run.call("sign", 5));
    assertEquals(new Outcome("-1", List.of("enter -5 1", "changed")), run.call("sign", -5));
    assertEquals(new Outcome("0", List.of("enter 0 1", "changed")), run.call("sign", 0));
    int[] tableIn = {1, 2, 3, 4, 5}, tableOut = {10, 20, 30, 40, -1};
    for (int i = 0; i < tableIn.length; i++) {
      assertEquals(new Outcome("" + tableOut[i], List.of("enter " + tableIn[i] + " 1", "changed")), run.call("table", tableIn[i]));
    }
    int[] lookupIn = {1, 1000, -50000, 7}, lookupOut = {10, 20, 30, -1};
    for (int i = 0; i < lookupIn.length; i++) {
      assertEquals(new Outcome("" + lookupOut[i], List.of("enter " + lookupIn[i] + " 1", "changed")), run.call("lookup", lookupIn[i]));
    }
    for (int x : new int[] {2, 9}) {
      assertEquals(new Outcome("" + PatchSamples.longThenBranch(x), List.of("enter " + x + " 1")), run.call("longThenBranch", x));
      assertEquals(new Outcome("" + PatchSamples.tryCatch(x), List.of("enter " + x + " 1", "changed")), run.call("tryCatch", x));
    }
    assertEquals(new Outcome("-7", List.of("enter 0 1", "changed")), run.call("tryCatch", 0)); // its own handler, then the return
    assertEquals(new Outcome("2", List.of("enter 5 1", "changed")), run.call("tryFinally", 5));
    assertEquals(new Outcome("java.lang.ArithmeticException", List.of("enter 0 1", "changed")), run.call("tryFinally", 0));
    assertEquals(new Outcome("" + PatchSamples.wide(4, 10L, 2.5, new int[3], "ab"), List.of("enter 4 2", "changed")),
        run.callWide(4));
    assertEquals(new Outcome("java.lang.IllegalStateException", List.of("enter -1 2", "changed")), run.callWide(-1));
    assertEquals(new Outcome("9", List.of("enter 4 3", "changed")), run.callInstance(4));
    assertEquals(new Outcome("2", List.of("changed")), run.call("thrower", 5));
    assertEquals(new Outcome("java.lang.IllegalArgumentException", List.of("changed")), run.call("thrower", 0));
    assertEquals(new Outcome("null", List.of("enter 0 5", "changed")), run.call("skipToReturn", 0)); // ifle lands on the call
    assertEquals(new Outcome("null", List.of("enter 3 5", "changed")), run.call("skipToReturn", 3));
    assertEquals(new Outcome("positive7", List.of("enter 7 0")), run.call("uninitialized", 7));
    assertEquals(new Outcome("not-7", List.of("enter -7 0")), run.call("uninitialized", -7));
    assertEquals(new Outcome("11", List.of("exit 1 4")), run.call("exits", 1));
    assertEquals(new Outcome("22", List.of("exit 2 4")), run.call("exits", 2));
    assertEquals(new Outcome("33", List.of("exit 3 4")), run.call("exits", 3));
  }

  @Test
  void typeAnnotationsInCodeAreDeclinedAndAsmWeavesInstead() throws Exception {
    String name = "dev/cordon/agent/instrument/DeclinedSample";
    List<Hook> hooks = List.of(Hook.enter(name, "cast", "(Ljava/lang/Object;)Ljava/lang/String;", "fileDelete",
        "(Ljava/lang/Object;)V", ALOAD, 0));
    byte[] original = testClass(DeclinedSample.class);
    assertTrue(Bytecode.text(original).contains("@Ldev/cordon/agent/instrument/DeclinedSample$Tag;() : CAST"));
    boolean[] found = new boolean[1];
    assertNull(ClassPatcher.patch(original, hooks, found));
    assertTrue(ClassPatcher.whyDeclined(original, hooks).contains("Code attribute not handled"));
    byte[] woven = JdkFileWeaver.weave(name, original, hooks, null);
    assertArrayEquals(AsmFileWeaver.weave(original, hooks, new boolean[1], name), woven);
    assertTrue(Bytecode.method(woven, "cast").contains("INVOKESTATIC dev/cordon/bootstrap/Dispatch.fileDelete"));
  }
}
