package dev.cordon.agent.instrument.classfile;

/**
 * One hook point, matched by name and exact descriptor, and the static calls into
 * {@code dev.cordon.bootstrap.Dispatch} it receives. {@code loads} holds pairs (opcode, slot), or
 * ({@link #CONST}, value) for an int constant from 0 to 5; {@code call} names the Dispatch method and
 * its descriptor (null: no call, only {@code changedAfter}). {@code atReturn} puts the call before
 * each return instead of at entry (a constructor's exit, where {@code this} is fully built);
 * {@code changedAfter} calls {@code Dispatch.filesChanged()} on every exit, normal or by exception.
 *
 * <p>Both weavers read this one description: the class-file patcher and the ASM fallback. The
 * opcodes are the JVM's own numbers, spelled here so that naming them loads no ASM class.
 */
public record Hook(String type, String name, String desc, String call, String callDesc, int[] loads,
    boolean changedAfter, boolean atReturn) {

  public static final String DISPATCH = "dev/cordon/bootstrap/Dispatch";
  /** In {@code loads}: the next number is an int constant, not a slot. */
  public static final int CONST = -1;
  public static final int ILOAD = 0x15;
  public static final int ALOAD = 0x19;

  public static Hook enter(String type, String name, String desc, String call, String callDesc, int... loads) {
    return new Hook(type, name, desc, call, callDesc, loads, false, false);
  }

  public static Hook exit(String type, String name, String desc, String call, String callDesc, int... loads) {
    return new Hook(type, name, desc, call, callDesc, loads, false, true);
  }

  public Hook thenChanged() {
    return new Hook(type, name, desc, call, callDesc, loads, true, atReturn);
  }
}
