package dev.cordon.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.agent.build.InstPackWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the build packs, the agent's loader reads back byte for byte; a damaged or compressed pack is refused. */
class InstPackTest {
  @Test
  void readsBackEveryFileItPacked(@TempDir Path dir) throws Exception {
    Path src = dir.resolve("src");
    Random r = new Random(7);
    byte[][] contents = new byte[300][];
    for (int i = 0; i < contents.length; i++) {
      // Compressible text, incompressible noise, empty files, names sorting around each other.
      contents[i] = i % 3 == 0 ? ("class " + i + " ").repeat(i).getBytes(StandardCharsets.UTF_8) : new byte[i * 7];
      if (i % 3 == 1) r.nextBytes(contents[i]);
      Path f = src.resolve("a/b" + (i % 5) + "/C" + i + (i % 2 == 0 ? ".class" : ".txt"));
      Files.createDirectories(f.getParent());
      Files.write(f, contents[i]);
    }
    Files.write(src.resolve("é.txt"), "accent".getBytes(StandardCharsets.UTF_8));
    InstPackWriter.main(new String[] {src.toString(), dir.resolve("inst.pack").toString()});
    Path jar = storedJar(dir, Files.readAllBytes(dir.resolve("inst.pack")), ZipEntry.STORED);
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      InstPack pack = InstPack.open(zip);
      for (int i = 0; i < contents.length; i++) {
        String name = "a/b" + (i % 5) + "/C" + i + (i % 2 == 0 ? ".class" : ".txt");
        assertTrue(pack.contains(name), name);
        assertArrayEquals(contents[i], pack.read(name), name);
      }
      assertArrayEquals("accent".getBytes(StandardCharsets.UTF_8), pack.read("é.txt"));
      assertNull(pack.read("a/b0/C1.class"));
      assertNull(pack.read("a/b0"));
      assertFalse(pack.contains(""));
    }
  }

  @Test
  void refusesACompressedOrForeignEntry(@TempDir Path dir) throws Exception {
    try (ZipFile zip = new ZipFile(storedJar(dir, "CDNPACK1".getBytes(StandardCharsets.US_ASCII), ZipEntry.DEFLATED).toFile())) {
      assertThrows(IOException.class, () -> InstPack.open(zip));
    }
    Files.delete(dir.resolve("agent.jar"));
    try (ZipFile zip = new ZipFile(storedJar(dir, "NOTAPACK\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII), ZipEntry.STORED).toFile())) {
      assertThrows(IOException.class, () -> InstPack.open(zip));
    }
  }

  private static Path storedJar(Path dir, byte[] pack, int method) throws IOException {
    Path jar = dir.resolve("agent.jar");
    try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
      ZipEntry e = new ZipEntry(InstPack.ENTRY);
      e.setMethod(method);
      if (method == ZipEntry.STORED) {
        CRC32 crc = new CRC32();
        crc.update(pack);
        e.setSize(pack.length);
        e.setCompressedSize(pack.length);
        e.setCrc(crc.getValue());
      }
      zip.putNextEntry(e);
      zip.write(pack);
      zip.closeEntry();
    }
    return jar;
  }
}
