package dev.cordon.policy.load;

import dev.cordon.policy.AuditConfig;
import dev.cordon.policy.tree.MapNode;
import dev.cordon.policy.tree.Node;
import dev.cordon.policy.tree.ScalarNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** The {@code audit} section; defaults: cordon-audit.jsonl beside the policy, prompts hashed. Internal. */
final class AuditReader {
    private static final Set<String> KEYS = Set.of("file", "prompts");

    private AuditReader() { }

    static AuditConfig read(Node section, Problems problems, Path baseDir) {
        Path defaultFile = baseDir.resolve(AuditConfig.DEFAULT_FILE).toAbsolutePath().normalize();
        AuditConfig dflt = new AuditConfig(defaultFile, AuditConfig.Prompts.HASH);
        if (section == null || (section instanceof ScalarNode s && s.isNull())) {
            return dflt;
        }
        MapNode map = Fields.asMap(section, "'audit'", problems);
        if (map == null) {
            return dflt;
        }
        Fields f = new Fields(map, "audit", problems, KEYS);
        Path file = CredentialsReader.path(f, "file", false, baseDir, problems);
        AuditConfig.Prompts prompts = AuditConfig.Prompts.HASH;
        ScalarNode p = f.scalar("prompts", false);
        if (p != null) {
            try {
                prompts = AuditConfig.Prompts.valueOf(p.text().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.at(p, "'prompts' in audit must be none, hash or redacted, found '" + p.text() + "'");
            }
        }
        return new AuditConfig(file == null ? defaultFile : file, prompts);
    }
}
