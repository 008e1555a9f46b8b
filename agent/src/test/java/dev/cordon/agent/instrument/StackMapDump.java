package dev.cordon.agent.instrument;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;

/** Reads the raw first StackMapTable frame of a method: ASM hides how a frame was encoded. */
final class StackMapDump {
  private StackMapDump() {}

  /** [offset, frame_type] of the method's first frame. */
  static List<Integer> firstFrame(byte[] bytes, String method) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    in.skipNBytes(8);
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
        case 5, 6 -> {
          in.skipNBytes(8);
          i++;
        }
        case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
        case 15 -> in.skipNBytes(3);
        default -> throw new IOException("tag " + tag);
      }
    }
    in.skipNBytes(6);
    in.skipNBytes(2L * in.readUnsignedShort());
    skipMembers(in);
    int methods = in.readUnsignedShort();
    for (int m = 0; m < methods; m++) {
      in.skipNBytes(2);
      String name = utf8[in.readUnsignedShort()];
      in.skipNBytes(2);
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attr = utf8[in.readUnsignedShort()];
        int len = in.readInt();
        if (!name.equals(method) || !attr.equals("Code")) {
          in.skipNBytes(len);
          continue;
        }
        in.skipNBytes(4);
        in.skipNBytes(in.readInt());
        in.skipNBytes(8L * in.readUnsignedShort());
        int codeAttributes = in.readUnsignedShort();
        for (int c = 0; c < codeAttributes; c++) {
          String codeAttr = utf8[in.readUnsignedShort()];
          int codeLen = in.readInt();
          if (!codeAttr.equals("StackMapTable")) {
            in.skipNBytes(codeLen);
            continue;
          }
          in.skipNBytes(2);
          int type = in.readUnsignedByte();
          int delta = type < 64 ? type : type < 128 ? type - 64 : in.readUnsignedShort();
          return List.of(delta, type);
        }
        throw new IOException(method + " has no frames");
      }
    }
    throw new IOException("no method " + method);
  }

  private static void skipMembers(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    for (int i = 0; i < count; i++) {
      in.skipNBytes(6);
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        in.skipNBytes(2);
        in.skipNBytes(in.readInt());
      }
    }
  }
}
