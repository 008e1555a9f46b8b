package dev.cordon.policy;

import dev.cordon.policy.load.DatasetsSection;
import dev.cordon.policy.load.FileGlobs;
import dev.cordon.policy.load.ParsedPolicy;
import dev.cordon.policy.load.YamlScalars;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a YAML policy's file datasets may be, known before the policy is parsed: every scalar of its
 * {@code datasets:} section (ids, envs and table names as well as the file globs) taken as a file
 * glob. A superset of the datasets' globs, read without the YAML parser, whose loading is most of
 * what a cold JVM spends on a policy; the agent holds an application's file opens only against this
 * until the whole policy is in force, then decides them with the whole policy. It decides nothing.
 */
public final class EarlyFileDatasets {
    private EarlyFileDatasets() { }

    /**
     * The globs as a policy of one dataset, or null when the text cannot be read this way soundly
     * (then only the parser can tell). A scalar that is no valid glob is left out: were it one of the
     * dataset's globs, the parser would reject the policy, and a rejected policy governs no files.
     *
     * @param policyFile where the text came from: relative globs resolve against its folder, as when loaded
     */
    public static Policy read(String text, Path policyFile) {
        String section = DatasetsSection.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        List<String> scalars = section == null ? null : YamlScalars.of(section);
        if (scalars == null) {
            return null;
        }
        Path base = policyFile.toAbsolutePath().normalize().getParent();
        List<String> globs = new ArrayList<>();
        for (String s : scalars) {
            try {
                globs.add(FileGlobs.resolve(s, base));
            } catch (IllegalArgumentException notAGlob) {
                // see above
            }
        }
        DatasetDef all = new DatasetDef("(ahead of the policy)", "", List.of(), globs, null, List.of());
        return new Policy(new ParsedPolicy(1, Mode.MONITOR, null, false, "off", base, List.of(), List.of(),
            List.of(all), null, List.of(), List.of(), RedactionConfig.DEFAULT,
            new AuditConfig(base.resolve(AuditConfig.DEFAULT_FILE), AuditConfig.Prompts.NONE)));
    }
}
