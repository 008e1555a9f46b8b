package dev.cordon.agent.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where a path really leads, the way the kernel will follow it: relative to the JVM's working
 * directory, through {@code ..}, {@code /proc/self/root}, {@code /proc/self/fd/N} and every symbolic
 * link. For a file that does not exist yet (about to be created) the deepest existing ancestor is
 * resolved and the rest appended, following a dangling symbolic link to where the kernel would
 * create the file. Hard links and bind mounts have no single real path; see docs/datasets.md.
 */
final class RealPaths {
  private RealPaths() {}

  /** The kernel gives up after 40 links (ELOOP); so do we. */
  private static final int MAX_LINKS = 40;

  /** The JVM's working directory: relative paths are opened against it, and it cannot change. */
  private static final Path CWD = Paths.get(System.getProperty("user.dir")).toAbsolutePath();

  /**
   * The real absolute path, '/'-separated; null when the string is no valid path (the open fails
   * anyway). With {@code followLast} false the last name is not followed if it is a symbolic link
   * (what unlink, rename and link act on), though every folder on the way is.
   */
  static String resolve(String given, boolean followLast) {
    Path p;
    try {
      p = Paths.get(given);
    } catch (InvalidPathException e) {
      return null;
    }
    if (!p.isAbsolute()) p = CWD.resolve(p);
    if (!followLast) {
      p = p.normalize();
      Path parent = p.getParent();
      Path name = p.getFileName();
      if (parent != null && name != null) return realize(parent, new int[1]).resolve(name).toString();
    }
    return realize(p, new int[1]).toString();
  }

  private static Path realize(Path abs, int[] links) {
    try {
      return abs.toRealPath();
    } catch (IOException | SecurityException e) {
      // Missing (or unreadable) somewhere: resolve the parent, then this one name by hand.
    }
    Path parent = abs.getParent();
    Path name = abs.getFileName();
    if (parent == null || name == null) return abs.normalize();
    Path realParent = realize(parent, links);
    String n = name.toString();
    if (n.equals(".")) return realParent;
    if (n.equals("..")) {
      Path up = realParent.getParent();
      return up == null ? realParent : up;
    }
    Path candidate = realParent.resolve(name);
    if (links[0] < MAX_LINKS && Files.isSymbolicLink(candidate)) {
      links[0]++;
      try {
        Path target = Files.readSymbolicLink(candidate);
        // A relative target is relative to the link's folder; ".." in it is followed like the kernel does.
        return realize(realParent.resolve(target), links);
      } catch (IOException | SecurityException e) {
        return candidate;
      }
    }
    return candidate;
  }

  /** A real folder prefix ending with '/', or null when it cannot be resolved. */
  static String folderPrefix(String folder) {
    if (folder == null) return null;
    try {
      String real = Paths.get(folder).toRealPath().toString();
      return real.endsWith("/") ? real : real + "/";
    } catch (IOException | InvalidPathException | SecurityException e) {
      return null;
    }
  }

  /** The real path of a file, or null. */
  static String file(String file) {
    if (file == null) return null;
    try {
      return Paths.get(file).toRealPath(new LinkOption[0]).toString();
    } catch (IOException | InvalidPathException | SecurityException e) {
      return null;
    }
  }
}
