package com.acme.shared;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Scanner;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * An application's file code, driven by a script: one step per argument, {@code KIND:PATH} or
 * {@code KIND:FROM>TO}, each printing {@code #i OK detail}, {@code #i DENIED class: message} or
 * {@code #i FAIL class: message}. Like {@link AiScript} it lives in a package no principal matches,
 * so the principal is whoever calls it. Reads print what they read, so a test can tell that the
 * bytes really reached the application.
 *
 * <p>Reads: fis, reader, scanner, raf, nin (Files.newInputStream), nbr (newBufferedReader), nbc
 * (newByteChannel), readAllBytes, readString, readAllLines, lines, fc (FileChannel.open), mmap
 * (a memory map of it), afc (AsynchronousFileChannel), zip, jar. Writes: fos, writer, rafrw, nout,
 * nbw, write, writeString, copyin (Files.copy from a stream). Two paths: copy, move, renameTo,
 * symlink (LINK>TARGET), hardlink (LINK>EXISTING), sds and sdsDelete (DIR>NAME, through a SecureDirectoryStream). Removing: delete (Files), fileDelete (File). Also: sleep:MS.
 */
public final class FileScript {
  private int step;

  public void run(String[] steps) {
    for (String s : steps) runStep(s);
    System.out.flush();
  }

  private void runStep(String s) {
    int colon = s.indexOf(':');
    String kind = s.substring(0, colon);
    String arg = s.substring(colon + 1);
    if (kind.equals("sleep")) {
      try {
        Thread.sleep(Long.parseLong(arg));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    int i = ++step;
    try {
      System.out.println("#" + i + " OK " + oneLine(perform(kind, arg)));
    } catch (SecurityException e) {
      System.out.println("#" + i + " DENIED " + e.getClass().getName() + ": " + e.getMessage());
    } catch (Exception e) {
      Throwable c = e;
      // Libraries may wrap what the JDK threw; report the deny underneath when there is one.
      while (c.getCause() != null && !(c instanceof SecurityException)) c = c.getCause();
      String tag = c instanceof SecurityException ? "DENIED " : "FAIL ";
      System.out.println("#" + i + " " + tag + c.getClass().getName() + ": " + c.getMessage());
    }
  }

  private static String oneLine(Object o) {
    return String.valueOf(o).replace('\n', '|');
  }

  private Object perform(String kind, String arg) throws Exception {
    String[] two = arg.split(">", 2);
    return switch (kind) {
      case "fis" -> read(new FileInputStream(arg));
      case "reader" -> {
        try (FileReader r = new FileReader(arg)) {
          char[] buf = new char[4096];
          int n = r.read(buf);
          yield n < 0 ? "" : new String(buf, 0, n);
        }
      }
      case "scanner" -> {
        try (Scanner sc = new Scanner(new File(arg), StandardCharsets.UTF_8)) {
          yield sc.hasNextLine() ? sc.nextLine() : "";
        }
      }
      case "raf" -> {
        try (RandomAccessFile f = new RandomAccessFile(arg, "r")) {
          yield f.readLine();
        }
      }
      case "rafrw" -> {
        try (RandomAccessFile f = new RandomAccessFile(arg, "rw")) {
          f.seek(f.length());
          f.write("raf\n".getBytes(StandardCharsets.UTF_8));
          yield "wrote";
        }
      }
      case "nin" -> read(Files.newInputStream(Path.of(arg)));
      case "nbr" -> {
        try (var r = Files.newBufferedReader(Path.of(arg))) {
          yield r.readLine();
        }
      }
      case "nbc" -> {
        try (SeekableByteChannel c = Files.newByteChannel(Path.of(arg))) {
          ByteBuffer b = ByteBuffer.allocate(4096);
          c.read(b);
          yield new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        }
      }
      case "readAllBytes" -> new String(Files.readAllBytes(Path.of(arg)), StandardCharsets.UTF_8);
      case "readString" -> Files.readString(Path.of(arg));
      case "readAllLines" -> String.join("\n", Files.readAllLines(Path.of(arg)));
      case "lines" -> {
        try (Stream<String> l = Files.lines(Path.of(arg))) {
          yield String.join("\n", l.toList());
        }
      }
      case "fc" -> {
        try (FileChannel c = FileChannel.open(Path.of(arg), StandardOpenOption.READ)) {
          ByteBuffer b = ByteBuffer.allocate(4096);
          c.read(b);
          yield new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        }
      }
      case "mmap" -> {
        try (FileChannel c = FileChannel.open(Path.of(arg), StandardOpenOption.READ)) {
          MappedByteBuffer m = c.map(FileChannel.MapMode.READ_ONLY, 0, c.size());
          byte[] bytes = new byte[m.remaining()];
          m.get(bytes);
          yield new String(bytes, StandardCharsets.UTF_8);
        }
      }
      case "afc" -> {
        try (AsynchronousFileChannel c = AsynchronousFileChannel.open(Path.of(arg), StandardOpenOption.READ)) {
          ByteBuffer b = ByteBuffer.allocate(4096);
          int n = c.read(b, 0).get();
          yield new String(b.array(), 0, Math.max(n, 0), StandardCharsets.UTF_8);
        }
      }
      case "zip" -> {
        try (ZipFile z = new ZipFile(arg)) {
          yield "entries=" + z.size();
        }
      }
      case "jar" -> {
        try (JarFile j = new JarFile(arg)) {
          yield "entries=" + j.size();
        }
      }
      case "fos" -> {
        try (FileOutputStream o = new FileOutputStream(arg, true)) {
          o.write("fos\n".getBytes(StandardCharsets.UTF_8));
          yield "wrote";
        }
      }
      case "writer" -> {
        try (FileWriter w = new FileWriter(arg, true)) {
          w.write("writer\n");
          yield "wrote";
        }
      }
      case "nout" -> {
        try (var o = Files.newOutputStream(Path.of(arg), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
          o.write("nout\n".getBytes(StandardCharsets.UTF_8));
          yield "wrote";
        }
      }
      case "nbw" -> {
        try (var w = Files.newBufferedWriter(Path.of(arg), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
          w.write("nbw\n");
          yield "wrote";
        }
      }
      case "write" -> Files.write(Path.of(arg), List.of("write"), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      case "writeString" -> Files.writeString(Path.of(arg), "writeString\n", StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      case "copyin" -> {
        try (InputStream in = new java.io.ByteArrayInputStream("copyin\n".getBytes(StandardCharsets.UTF_8))) {
          yield Files.copy(in, Path.of(arg), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      case "copy" -> Files.copy(Path.of(two[0]), Path.of(two[1]), StandardCopyOption.REPLACE_EXISTING);
      case "move" -> Files.move(Path.of(two[0]), Path.of(two[1]), StandardCopyOption.REPLACE_EXISTING);
      case "renameTo" -> new File(two[0]).renameTo(new File(two[1]));
      case "symlink" -> {
        Files.deleteIfExists(Path.of(two[0]));
        yield Files.createSymbolicLink(Path.of(two[0]), Path.of(two[1]));
      }
      case "delete" -> {
        Files.delete(Path.of(arg));
        yield "deleted";
      }
      case "fileDelete" -> new File(arg).delete();
      case "sds" -> {
        // SecureDirectoryStream: opens relative to a directory descriptor (openat), ARG = DIR>NAME
        try (var ds = Files.newDirectoryStream(Path.of(two[0]))) {
          if (!(ds instanceof java.nio.file.SecureDirectoryStream<Path> sds)) yield "not secure";
          try (SeekableByteChannel c = sds.newByteChannel(Path.of(two[1]), java.util.Set.of(StandardOpenOption.READ))) {
            ByteBuffer b = ByteBuffer.allocate(4096);
            c.read(b);
            yield new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
          }
        }
      }
      case "sdsDelete" -> {
        try (var ds = Files.newDirectoryStream(Path.of(two[0]))) {
          ((java.nio.file.SecureDirectoryStream<Path>) ds).deleteFile(Path.of(two[1]));
          yield "deleted";
        }
      }
      case "hardlink" -> Files.createLink(Path.of(two[0]), Path.of(two[1]));
      default -> throw new IllegalArgumentException("unknown step " + kind);
    };
  }

  private static String read(InputStream in) throws Exception {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
