package dev.cordon.agent.instrument.classfile;

import java.util.Arrays;

/** A growable big-endian byte buffer, with the class file's u1/u2/u4 writes and patches in place. */
final class ByteSink {
  private byte[] buf;
  private int size;

  ByteSink(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  int size() {
    return size;
  }

  private void room(int n) {
    if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
  }

  ByteSink u1(int v) {
    room(1);
    buf[size++] = (byte) v;
    return this;
  }

  ByteSink u2(int v) {
    room(2);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  ByteSink u4(int v) {
    room(4);
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  ByteSink bytes(byte[] src, int off, int len) {
    room(len);
    System.arraycopy(src, off, buf, size, len);
    size += len;
    return this;
  }

  ByteSink bytes(ByteSink other) {
    return bytes(other.buf, 0, other.size);
  }

  /** Overwrites a u2 written earlier (a count known only once its items are written). */
  void u2At(int at, int v) {
    buf[at] = (byte) (v >>> 8);
    buf[at + 1] = (byte) v;
  }

  void u4At(int at, int v) {
    buf[at] = (byte) (v >>> 24);
    buf[at + 1] = (byte) (v >>> 16);
    buf[at + 2] = (byte) (v >>> 8);
    buf[at + 3] = (byte) v;
  }

  byte[] toArray() {
    return Arrays.copyOf(buf, size);
  }

  static int u2(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  static int s2(byte[] b, int at) {
    return (short) u2(b, at);
  }

  static int u4(byte[] b, int at) {
    return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
  }
}
