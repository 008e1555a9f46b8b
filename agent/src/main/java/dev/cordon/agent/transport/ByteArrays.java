package dev.cordon.agent.transport;

/** Byte-array helpers the transports share. */
final class ByteArrays {
  private ByteArrays() {}

  /** {@code a} then {@code b}; either one itself when the other is empty. */
  static byte[] concat(byte[] a, byte[] b) {
    if (b.length == 0) return a;
    if (a.length == 0) return b;
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
