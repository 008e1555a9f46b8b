package dev.cordon.agent.instrument.classfile;

/**
 * Thrown inside the patcher when a class file holds something it does not handle: the caller then
 * leaves the work to ASM. Carries no stack trace: declining is an answer, not a fault.
 */
final class Decline extends RuntimeException {
  Decline(String why) {
    super(why, null, false, false);
  }
}
