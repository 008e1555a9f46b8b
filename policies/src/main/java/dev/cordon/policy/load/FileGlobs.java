package dev.cordon.policy.load;

import dev.cordon.policy.glob.SegmentGlob;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a file glob as written into the absolute, '/'-separated glob that is matched against
 * real paths: relative globs are resolved against the policy folder, '.' and '..' are folded,
 * and the literal folder prefix is replaced by its real path when it exists, because the agent
 * matches real paths (symlinks resolved): a glob written through a symlink must still govern
 * the files. Internal.
 */
public final class FileGlobs {
    private FileGlobs() { }

    /** The resolved glob; IllegalArgumentException with a user-facing reason when malformed. */
    public static String resolve(String glob, Path baseDir) {
        return resolve(glob, baseDir, new HashMap<>());
    }

    /**
     * The same, with the real paths already looked up for other globs of the same read: each costs
     * a few file-system calls, and many globs share their folder (the policy's own, for relative ones).
     */
    public static String resolve(String glob, Path baseDir, Map<Path, Path> realPaths) {
        String g = File.separatorChar == '\\' ? glob.replace('\\', '/') : glob;
        if (g.startsWith("~")) {
            throw new IllegalArgumentException("'~' is not expanded; write the absolute path");
        }
        String why = SegmentGlob.checkPath(g);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        boolean absolute = g.startsWith("/") || (g.length() > 2 && g.charAt(1) == ':' && File.separatorChar == '\\');
        String joined = absolute ? g : slashes(real(baseDir, realPaths)) + "/" + g;
        String root = joined.length() > 1 && joined.charAt(1) == ':' ? joined.substring(0, 2) : "";
        List<String> segs = fold(joined.substring(root.length()));
        // Literal folders: every segment before the first wildcard, except the last segment.
        int literal = 0;
        while (literal < segs.size() - 1 && segs.get(literal).indexOf('*') < 0) {
            literal++;
        }
        String prefix = root;
        if (literal > 0) {
            prefix = slashes(real(Path.of(root + "/" + String.join("/", segs.subList(0, literal))), realPaths));
            if (prefix.endsWith("/")) {
                prefix = prefix.substring(0, prefix.length() - 1);     // the real path was the root
            }
        }
        String out = prefix + "/" + String.join("/", segs.subList(literal, segs.size()));
        why = SegmentGlob.checkPath(out);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        return out;
    }

    /** The segments of a rooted path (without the root), folding "." and "..". */
    private static List<String> fold(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (out.isEmpty() || out.get(out.size() - 1).indexOf('*') >= 0) {
                    throw new IllegalArgumentException("'..' must not climb above the root or past a wildcard");
                }
                out.remove(out.size() - 1);
                continue;
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the glob names no file");
        }
        return out;
    }

    private static Path real(Path p, Map<Path, Path> realPaths) {
        Path real = realPaths.get(p);
        if (real == null) {
            real = realOrAbsolute(p);
            realPaths.put(p, real);
        }
        return real;
    }

    /**
     * The real path of {@code p}, or of its deepest existing ancestor followed by the rest: a
     * dataset folder may not exist yet when the policy is loaded.
     */
    static Path realOrAbsolute(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException | SecurityException e) {
            return abs;
        }
    }

    /** An absolute path in '/' form ("/a/b"; "C:/a/b" on Windows). */
    static String slashes(Path p) {
        String s = p.toString();
        return File.separatorChar == '\\' ? s.replace('\\', '/') : s;
    }
}
