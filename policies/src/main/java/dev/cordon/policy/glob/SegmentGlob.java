package dev.cordon.policy.glob;

import java.util.ArrayList;
import java.util.List;

/**
 * Class names (separator '.') and file paths (separator '/'): {@code *} stays within one
 * segment, {@code **} is a whole segment that crosses segments.
 *
 * <p>{@code **} in the middle or at the start matches zero or more segments
 * ({@code com.**.Foo} matches {@code com.Foo} and {@code com.a.b.Foo}); as the last segment it
 * matches one or more, so {@code com.acme.**} matches everything inside {@code com.acme} but not
 * {@code com.acme} itself, and {@code /srv/data/**} covers the files under the folder, not the
 * folder.
 */
public final class SegmentGlob implements Glob {
    /** Kinds of compiled segments. */
    private static final int LITERAL_OR_STAR = 0;
    private static final int ANY_SEGMENT = 1;
    private static final int ANY_SEGMENTS = 2;

    private final String pattern;
    private final char separator;
    private final int[] kinds;
    private final char[][] parts;
    private final String prefix;

    private SegmentGlob(String pattern, char separator) {
        this.pattern = pattern;
        this.separator = separator;
        List<String> segs = split(pattern, separator);
        List<Integer> k = new ArrayList<>();
        List<char[]> p = new ArrayList<>();
        for (int i = 0; i < segs.size(); i++) {
            String seg = segs.get(i);
            if (seg.equals("**")) {
                if (i == segs.size() - 1) {
                    // Trailing "**": at least one segment, then any number.
                    k.add(ANY_SEGMENT);
                    p.add(null);
                }
                if (k.isEmpty() || k.get(k.size() - 1) != ANY_SEGMENTS) {
                    k.add(ANY_SEGMENTS);
                    p.add(null);
                }
            } else {
                k.add(LITERAL_OR_STAR);
                p.add(seg.toCharArray());
            }
        }
        this.kinds = k.stream().mapToInt(Integer::intValue).toArray();
        this.parts = p.toArray(new char[0][]);
        int star = pattern.indexOf('*');
        this.prefix = star < 0 ? pattern : pattern.substring(0, star);
    }

    /** Class-name glob, e.g. {@code com.acme.**}, {@code com.acme.*Service}. */
    public static SegmentGlob classGlob(String pattern) {
        String why = checkClass(pattern);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        return new SegmentGlob(pattern, '.');
    }

    /** Absolute file-path glob, '/'-separated; relative globs are resolved by the caller first. */
    public static SegmentGlob pathGlob(String pattern) {
        String why = checkPath(pattern);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        return new SegmentGlob(pattern, '/');
    }

    /** Why a class-name glob is malformed, or null. */
    public static String checkClass(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return "empty glob";
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '.' && c != '*' && !Character.isJavaIdentifierPart(c)) {
                return "'" + c + "' cannot appear in a class name"
                    + (c == '/' ? " (write packages with '.', e.g. com.acme.**)" : "");
            }
        }
        String why = checkStars(pattern, '.');
        if (why != null) {
            return why;
        }
        List<String> segs = split(pattern, '.');
        for (String s : segs) {
            if (s.isEmpty()) {
                return "empty segment (two dots in a row, or a leading or trailing dot)";
            }
        }
        return null;
    }

    /** Why a file glob is malformed, or null. Relative globs are accepted here. */
    public static String checkPath(String pattern) {
        String why = checkStars(pattern, '/');
        if (why != null) {
            return why;
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '?' || c == '[' || c == ']' || c == '{' || c == '}') {
                // Shell users expect these to be wildcards; reading them literally would leave
                // files ungoverned without a word, so refuse them.
                return "'" + c + "' is not supported in globs (only '*' and '**')";
            }
            if (Character.isISOControl(c)) {
                return "control character in glob";
            }
        }
        if (pattern.endsWith("/")) {
            return "ends with '/'; to cover a folder's files write '" + pattern + "**'";
        }
        if (pattern.contains("//")) {
            return "empty path segment ('//')";
        }
        return null;
    }

    private static String checkStars(String pattern, char sep) {
        if (pattern == null || pattern.isEmpty()) {
            return "empty glob";
        }
        if (pattern.contains("***")) {
            return "'***' is not a glob: use '*' (one segment) or '**' (any segments)";
        }
        int i = pattern.indexOf("**");
        while (i >= 0) {
            boolean startOk = i == 0 || pattern.charAt(i - 1) == sep;
            boolean endOk = i + 2 == pattern.length() || pattern.charAt(i + 2) == sep;
            if (!startOk || !endOk) {
                return "'**' must be a whole segment, e.g. '" + (sep == '.' ? "com.acme.**" : "data/**") + "'";
            }
            i = pattern.indexOf("**", i + 2);
        }
        return null;
    }

    private static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = s.indexOf(sep, from);
            if (at < 0) {
                out.add(s.substring(from));
                return out;
            }
            out.add(s.substring(from, at));
            from = at + 1;
        }
    }

    @Override
    public String pattern() {
        return pattern;
    }

    @Override
    public String literalPrefix() {
        return prefix;
    }

    /**
     * The segment-level twin of {@link TextGlob#matchRange}: {@code ANY_SEGMENTS} is the star,
     * every other item matches exactly one segment; on a mismatch the last star absorbs one
     * more segment. Segments are index ranges of {@code s}, so nothing is allocated.
     */
    @Override
    public boolean matches(String s) {
        int n = s.length();
        int pi = 0;
        int si = 0;            // start of the current segment; n + 1 = no segment left
        int starP = -1;
        int starS = -1;
        while (si <= n) {
            int end = segmentEnd(s, si, n);
            if (pi < kinds.length) {
                int kind = kinds[pi];
                if (kind == ANY_SEGMENTS) {
                    starP = ++pi;
                    starS = si;
                    continue;
                }
                if (kind == ANY_SEGMENT
                    || TextGlob.matchRange(parts[pi], 0, parts[pi].length, s, si, end, false)) {
                    pi++;
                    si = end + 1;
                    continue;
                }
            }
            if (starP >= 0) {
                pi = starP;
                starS = segmentEnd(s, starS, n) + 1;
                si = starS;
                continue;
            }
            return false;
        }
        while (pi < kinds.length && kinds[pi] == ANY_SEGMENTS) {
            pi++;
        }
        return pi == kinds.length;
    }

    private int segmentEnd(String s, int from, int n) {
        int at = s.indexOf(separator, from);
        return at < 0 ? n : at;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
