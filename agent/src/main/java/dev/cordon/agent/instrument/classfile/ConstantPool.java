package dev.cordon.agent.instrument.classfile;

import java.util.HashMap;
import java.util.Map;

/**
 * A class file's constant pool, read in place, and the entries the patch appends after it. Existing
 * entries keep their indices, so nothing else in the class file needs renumbering.
 */
final class ConstantPool {
  private static final int UTF8 = 1, CLASS = 7, METHODREF = 10, NAME_AND_TYPE = 12;

  private final byte[] b;
  /** Offset of each entry's tag byte (0 for the unusable slot after a long or double). */
  private final int[] offsets;
  /** Offset of the first byte after the pool. */
  final int end;
  private final ByteSink appended = new ByteSink(256);
  private int count;
  private final Map<String, Integer> added = new HashMap<>();

  /** Reads the pool that starts at offset 8 (after magic and version). */
  ConstantPool(byte[] b) {
    this.b = b;
    count = ByteSink.u2(b, 8);
    offsets = new int[count];
    int at = 10;
    for (int i = 1; i < count; i++) {
      offsets[i] = at;
      int tag = b[at] & 0xff;
      switch (tag) {
        case UTF8 -> at += 3 + ByteSink.u2(b, at + 1);
        case 3, 4, 9, METHODREF, 11, NAME_AND_TYPE, 17, 18 -> at += 5;
        case 5, 6 -> {
          at += 9;
          i++;
        }
        case CLASS, 8, 16, 19, 20 -> at += 3;
        case 15 -> at += 4;
        default -> throw new Decline("constant pool tag " + tag);
      }
    }
    end = at;
  }

  /** Whether entry {@code index} is the UTF-8 string {@code ascii} (an ASCII string's modified UTF-8 is itself). */
  boolean isUtf8(int index, String ascii) {
    if (index <= 0 || index >= offsets.length) return false;
    int at = offsets[index];
    if (at == 0 || b[at] != UTF8) return false;
    int len = ByteSink.u2(b, at + 1);
    if (len != ascii.length()) return false;
    for (int i = 0; i < len; i++) if (b[at + 3 + i] != (byte) ascii.charAt(i)) return false;
    return true;
  }

  /** The index of a UTF-8 entry equal to {@code ascii}, existing or appended. */
  int utf8(String ascii) {
    for (int i = 1; i < offsets.length; i++) if (isUtf8(i, ascii)) return i;
    String key = "U" + ascii;
    Integer known = added.get(key);
    if (known != null) return known;
    appended.u1(UTF8).u2(ascii.length());
    for (int i = 0; i < ascii.length(); i++) appended.u1(ascii.charAt(i));
    return added(key);
  }

  int classRef(String internalName) {
    int name = utf8(internalName);
    String key = "C" + internalName;
    Integer known = added.get(key);
    if (known != null) return known;
    appended.u1(CLASS).u2(name);
    return added(key);
  }

  int methodRef(String owner, String name, String desc) {
    String key = "M" + owner + '.' + name + desc;
    Integer known = added.get(key);
    if (known != null) return known;
    int cls = classRef(owner);
    int n = utf8(name);
    int d = utf8(desc);
    appended.u1(NAME_AND_TYPE).u2(n).u2(d);
    int nat = added("N" + key);
    appended.u1(METHODREF).u2(cls).u2(nat);
    return added(key);
  }

  /** Records the entry just written to {@code appended} and returns its index. (No lambdas: their first use costs a cold JVM milliseconds.) */
  private int added(String key) {
    if (count >= 0xffff) throw new Decline("constant pool full");
    added.put(key, count);
    return count++;
  }

  /** The new constant_pool_count. */
  int count() {
    return count;
  }

  ByteSink appended() {
    return appended;
  }
}
