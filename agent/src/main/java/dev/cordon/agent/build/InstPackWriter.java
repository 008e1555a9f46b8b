package dev.cordon.agent.build;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;

/**
 * Build step (run by the agent module's package phase, never at run time): writes every file under a
 * folder (the agent's classes and its libraries) into one {@code inst.pack}, the format
 * {@code dev.cordon.bootstrap.InstPack} reads. The agent jar then holds a handful of entries instead of
 * ~4,800: every JVM started with the agent indexes the jar's central directory before {@code premain}
 * (the system class loader opens it), which cost ~6 ms in a cold JVM at 4,800 entries.
 *
 * <p>Format, big-endian: "CDNPACK1"; u4 count; u4 size of the names block; count entries of
 * (u4 name offset, u4 name length, u4 data offset, u4 stored length, u4 length), sorted by the names'
 * UTF-8 bytes; the names block; the data, each file raw-deflated unless that does not make it smaller
 * (stored length == length). Args: folder outputFile
 */
public final class InstPackWriter {
  private InstPackWriter() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    int n = files.size();
    byte[][] names = new byte[n][];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      names[i] = root.relativize(files.get(i)).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8);
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(names[a], names[b]));
    ByteArrayOutputStream nameBlock = new ByteArrayOutputStream();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    ByteArrayOutputStream index = new ByteArrayOutputStream();
    DataOutputStream idx = new DataOutputStream(index);
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (k > 0 && Arrays.equals(names[order[k - 1]], names[i])) throw new IOException("duplicate " + files.get(i));
      byte[] raw = Files.readAllBytes(files.get(i));
      byte[] stored = deflate(deflater, raw);
      if (stored.length >= raw.length) stored = raw;
      idx.writeInt(nameBlock.size());
      idx.writeInt(names[i].length);
      idx.writeInt(data.size());
      idx.writeInt(stored.length);
      idx.writeInt(raw.length);
      nameBlock.write(names[i]);
      data.write(stored);
    }
    deflater.end();
    try (OutputStream out = Files.newOutputStream(Path.of(args[1]));
         DataOutputStream o = new DataOutputStream(out)) {
      o.write("CDNPACK1".getBytes(StandardCharsets.US_ASCII));
      o.writeInt(n);
      o.writeInt(nameBlock.size());
      index.writeTo(o);
      nameBlock.writeTo(o);
      data.writeTo(o);
    }
    System.out.println("[cordon] inst.pack: " + n + " files, " + data.size() + " bytes of data");
  }

  private static byte[] deflate(Deflater deflater, byte[] raw) {
    deflater.reset();
    deflater.setInput(raw);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
    byte[] buf = new byte[8192];
    while (!deflater.finished()) {
      int len = deflater.deflate(buf);
      out.write(buf, 0, len);
    }
    return out.toByteArray();
  }
}
