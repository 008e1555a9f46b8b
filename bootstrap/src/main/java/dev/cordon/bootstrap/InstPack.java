package dev.cordon.bootstrap;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The agent's classes and libraries, packed into one stored entry of the agent jar ({@code inst.pack},
 * written at build time by {@code dev.cordon.agent.build.InstPackWriter}, whose comment gives the
 * format). One jar entry instead of thousands: the JVM indexes every entry of the agent jar before
 * {@code premain}. Lookups binary-search the sorted index; a file is read by skipping to its offset in
 * the stored entry (a seek, not a read) and inflating it. Nothing in it is visible to the application's
 * class loader, which also has the agent jar on its class path.
 */
final class InstPack {
  static final String ENTRY = "inst.pack";
  private static final int ROW = 20;

  private final ZipFile jar;
  private final ZipEntry entry;
  private final int count;
  private final byte[] index;     // count rows of ROW bytes
  private final byte[] names;
  private final long dataStart;   // offset of the data within the entry

  private InstPack(ZipFile jar, ZipEntry entry, int count, byte[] index, byte[] names) {
    this.jar = jar;
    this.entry = entry;
    this.count = count;
    this.index = index;
    this.names = names;
    this.dataStart = 16L + index.length + names.length;
  }

  /** The pack of this jar; IOException if it has none or it is damaged. */
  static InstPack open(ZipFile jar) throws IOException {
    ZipEntry e = jar.getEntry(ENTRY);
    if (e == null) throw new IOException("the agent jar holds no " + ENTRY);
    if (e.getMethod() != ZipEntry.STORED) throw new IOException(ENTRY + " must be stored, not compressed");
    try (DataInputStream in = new DataInputStream(jar.getInputStream(e))) {
      byte[] magic = new byte[8];
      in.readFully(magic);
      if (!"CDNPACK1".equals(new String(magic, StandardCharsets.US_ASCII))) throw new IOException(ENTRY + ": not a pack");
      int count = in.readInt();
      int nameBytes = in.readInt();
      byte[] index = new byte[count * ROW];
      in.readFully(index);
      byte[] names = new byte[nameBytes];
      in.readFully(names);
      return new InstPack(jar, e, count, index, names);
    }
  }

  /** The file's bytes, or null when the pack has no such file. */
  byte[] read(String name) throws IOException {
    int row = find(name.getBytes(StandardCharsets.UTF_8));
    if (row < 0) return null;
    int at = row * ROW;
    long offset = u4(at + 8);
    int stored = (int) u4(at + 12);
    int length = (int) u4(at + 16);
    byte[] bytes = new byte[stored];
    try (InputStream in = jar.getInputStream(entry)) {
      long skip = dataStart + offset;
      while (skip > 0) {
        long skipped = in.skip(skip);
        if (skipped <= 0) throw new IOException(ENTRY + " is shorter than its index");
        skip -= skipped;
      }
      if (in.readNBytes(bytes, 0, stored) != stored) throw new IOException(ENTRY + " is shorter than its index");
    }
    if (stored == length) return bytes;
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(bytes);
      byte[] raw = new byte[length];
      int n = 0;
      while (n < length && !inflater.finished()) {
        int k = inflater.inflate(raw, n, length - n);
        if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
        n += k;
      }
      if (n != length) throw new IOException(ENTRY + ": " + name + " is damaged");
      return raw;
    } catch (DataFormatException e) {
      throw new IOException(ENTRY + ": " + name + " is damaged", e);
    } finally {
      inflater.end();
    }
  }

  boolean contains(String name) {
    return find(name.getBytes(StandardCharsets.UTF_8)) >= 0;
  }

  /** The row of this name, or -1. */
  private int find(byte[] name) {
    int lo = 0;
    int hi = count - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compare(mid, name);
      if (c < 0) lo = mid + 1;
      else if (c > 0) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /** The row's name against {@code name}, by unsigned bytes. */
  private int compare(int row, byte[] name) {
    int off = (int) u4(row * ROW);
    int len = (int) u4(row * ROW + 4);
    int n = Math.min(len, name.length);
    for (int i = 0; i < n; i++) {
      int c = (names[off + i] & 0xff) - (name[i] & 0xff);
      if (c != 0) return c;
    }
    return len - name.length;
  }

  private long u4(int at) {
    return ((index[at] & 0xffL) << 24) | ((index[at + 1] & 0xffL) << 16) | ((index[at + 2] & 0xffL) << 8)
        | (index[at + 3] & 0xffL);
  }
}
