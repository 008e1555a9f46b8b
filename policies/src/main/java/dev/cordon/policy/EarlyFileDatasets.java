package dev.cordon.policy;

import dev.cordon.policy.load.DatasetsSection;
import dev.cordon.policy.load.FileGlobs;
import dev.cordon.policy.tree.ListNode;
import dev.cordon.policy.tree.MapNode;
import dev.cordon.policy.tree.Node;
import dev.cordon.policy.tree.PlainYaml;
import dev.cordon.policy.tree.ScalarNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a YAML policy's file datasets may be, known before the policy is parsed: every value of its
 * {@code datasets:} section (ids, envs and table names as well as the file globs) taken as a file
 * glob. A superset of the datasets' globs, read without the YAML parser ({@link PlainYaml} on the
 * section found by {@link DatasetsSection}) and without building a policy (each costs a cold JVM tens of milliseconds of class loading); the agent holds an
 * application's file opens against this only until the whole policy is in force, then decides them
 * with the whole policy. It decides nothing.
 */
public final class EarlyFileDatasets {
    private EarlyFileDatasets() { }

    /**
     * The globs, or null when the text cannot be read this way soundly (then only the parser can
     * tell). A value that is no valid glob is left out: were it one of the datasets' globs, the
     * parser would reject the policy, and a rejected policy governs no files.
     *
     * @param policyFile where the text came from: relative globs resolve against its folder, as when loaded
     */
    public static FileGlobSet read(String text, Path policyFile) {
        String section = DatasetsSection.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        List<String> scalars = section == null ? null : values(section);
        if (scalars == null) {
            return null;
        }
        Path base = policyFile.toAbsolutePath().normalize().getParent();
        List<String> globs = new ArrayList<>();
        Map<Path, Path> realPaths = new HashMap<>();
        for (String s : scalars) {
            try {
                globs.add(FileGlobs.resolve(s, base, realPaths));
            } catch (IllegalArgumentException notAGlob) {
                // see above
            }
        }
        return FileGlobSet.of(globs);
    }

    /**
     * Every value of the section as {@link PlainYaml} reads it (the parser's reading, node for node,
     * or null), keys left out: a key is never a glob.
     */
    static List<String> values(String section) {
        Node tree = PlainYaml.read(section);
        if (tree == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        collect(tree, out);
        return out;
    }

    private static void collect(Node node, List<String> out) {
        if (node instanceof ScalarNode s) {
            if (!s.isNull()) {
                out.add(s.text());
            }
        } else if (node instanceof ListNode l) {
            for (Node item : l.items()) {
                collect(item, out);
            }
        } else {
            for (MapNode.Entry e : ((MapNode) node).entries().values()) {
                collect(e.value(), out);
            }
        }
    }

    /** The file globs of a (parsed) policy's datasets. */
    public static FileGlobSet of(Policy policy) {
        List<String> globs = new ArrayList<>();
        for (DatasetDef d : policy.datasets()) {
            globs.addAll(d.files());
        }
        return FileGlobSet.of(globs);
    }
}
