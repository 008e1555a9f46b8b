package dev.cordon.policy;

import dev.cordon.policy.glob.SegmentGlob;
import java.io.File;
import java.util.List;

/**
 * Resolved file globs, matched against real paths: literal prefixes first, the glob only then, so
 * a path outside every glob costs a few {@code startsWith} calls and allocates nothing. The file
 * side of {@link DatasetIndex}, and on its own what the agent knows of a policy's datasets before
 * the policy is parsed ({@link EarlyFileDatasets}).
 */
public final class FileGlobSet {
    private final List<String> written;
    private final String[] prefixes;
    private final SegmentGlob[] globs;

    private FileGlobSet(List<String> resolved) {
        written = List.copyOf(resolved);
        globs = new SegmentGlob[resolved.size()];
        prefixes = new String[resolved.size()];
        for (int i = 0; i < globs.length; i++) {
            globs[i] = SegmentGlob.pathGlob(resolved.get(i));
            prefixes[i] = globs[i].literalPrefix();
        }
    }

    /** @param resolved absolute '/'-separated globs (as {@code FileGlobs.resolve} gives them) */
    public static FileGlobSet of(List<String> resolved) {
        return new FileGlobSet(resolved);
    }

    /** The position of the first glob that matches this real absolute path, or -1. */
    public int indexOf(String realPath) {
        if (realPath == null || globs.length == 0) {
            return -1;
        }
        String p = realPath;
        if (File.separatorChar == '\\' && p.indexOf('\\') >= 0) {
            p = p.replace('\\', '/');
        }
        for (int i = 0; i < globs.length; i++) {
            if (p.startsWith(prefixes[i]) && globs[i].matches(p)) {
                return i;
            }
        }
        return -1;
    }

    public boolean isEmpty() {
        return globs.length == 0;
    }

    /** The resolved globs, in order. */
    public List<String> globs() {
        return written;
    }
}
