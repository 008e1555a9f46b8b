package dev.cordon.policy.load;

import dev.cordon.policy.AuditConfig;
import dev.cordon.policy.CredentialDef;
import dev.cordon.policy.DatasetDef;
import dev.cordon.policy.EndpointDef;
import dev.cordon.policy.Mode;
import dev.cordon.policy.ModelDef;
import dev.cordon.policy.PrincipalDef;
import dev.cordon.policy.RedactionConfig;
import dev.cordon.policy.RuleDef;
import dev.cordon.policy.tree.MapNode;
import dev.cordon.policy.tree.Node;
import dev.cordon.policy.tree.ScalarNode;
import dev.cordon.policy.tree.TreeReader;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Text to {@link ParsedPolicy}: reads the located tree, then every section, collecting all
 * problems. Sections are read in dependency order whatever their order in the file, so a rule
 * may refer to a principal declared below it. Internal.
 */
public final class DocumentReader {
    private static final Set<String> KEYS = Set.of("version", "mode", "service", "lock_mode", "separation",
        "principals", "models", "datasets", "endpoints", "credentials", "rules", "redaction", "audit");

    private DocumentReader() { }

    /** The parsed policy, or null when {@code problems} is not empty afterwards. */
    public static ParsedPolicy read(String text, boolean json, Path baseDir, Problems problems) {
        TreeReader.Result tree = TreeReader.read(text, json);
        for (TreeReader.Issue i : tree.issues()) {
            problems.at(i.line(), i.column(), i.message());
        }
        Node root = tree.root();
        if (root == null) {
            return null;
        }
        if (!(root instanceof MapNode map)) {
            problems.at(root, "a policy must be a mapping (version: 1, mode: ..., rules: ...), found " + root.describe());
            return null;
        }
        Fields f = new Fields(map, "the policy", problems, KEYS);
        Long version = f.integer("version", Long.MIN_VALUE + 1);
        if (version == null && !f.has("version")) {
            f.missing("version", "write 'version: 1'");
        } else if (version != null && version != 1) {
            problems.at(f.node("version"), "unsupported policy version " + version + ": this Cordon reads version 1");
        }
        Mode mode = null;
        ScalarNode m = f.scalar("mode", true);
        if (m != null) {
            mode = Mode.parse(m.text());
            if (mode == null) {
                problems.at(m, "'mode' must be enforce or monitor, found '" + m.text() + "'");
            }
        }
        String service = f.string("service", false);
        Boolean lockMode = f.bool("lock_mode");
        String separation = "off";
        ScalarNode sep = f.scalar("separation", false);
        if (sep != null) {
            separation = sep.text().toLowerCase(Locale.ROOT);
            if (!separation.equals("strict") && !separation.equals("off")) {
                problems.at(sep, "'separation' must be strict or off, found '" + sep.text() + "'");
            }
        }

        Ids principalIds = new Ids("principal", problems);
        Ids modelIds = new Ids("model", problems);
        Ids datasetIds = new Ids("dataset", problems);
        Ids credentialIds = new Ids("credential", problems);
        List<PrincipalDef> principals = PrincipalsReader.read(f.node("principals"), problems, principalIds);
        List<ModelDef> models = ModelsReader.read(f.node("models"), problems, modelIds);
        List<DatasetDef> datasets = DatasetsReader.read(f.node("datasets"), problems, datasetIds, baseDir);
        List<EndpointDef> endpoints = EndpointsReader.read(f.node("endpoints"), problems);
        List<CredentialDef> credentials = CredentialsReader.read(f.node("credentials"), problems, credentialIds, baseDir);
        RedactionConfig redaction = RedactionReader.read(f.node("redaction"), problems, baseDir);
        AuditConfig audit = AuditReader.read(f.node("audit"), problems, baseDir);
        Set<String> types = new LinkedHashSet<>(RedactionConfig.BUILT_IN);
        redaction.custom().forEach(c -> types.add(c.id()));
        RuleContext ctx = RuleContext.of(principalIds, modelIds, datasetIds, datasets, credentialIds, types);
        List<RuleDef> rules = RulesReader.read(f.node("rules"), problems, ctx);
        if (!problems.isEmpty()) {
            return null;
        }
        return new ParsedPolicy(1, mode, service, lockMode != null && lockMode, separation, baseDir,
            principals, models, datasets, endpoints, credentials, rules, redaction, audit);
    }
}
