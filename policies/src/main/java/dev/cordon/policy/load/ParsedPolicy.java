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
import java.nio.file.Path;
import java.util.List;

/** A validated policy document, before compilation. {@code endpoints} null = section absent. Internal. */
public record ParsedPolicy(int version, Mode mode, String service, boolean lockMode, String separation,
                           Path baseDir, List<PrincipalDef> principals, List<ModelDef> models,
                           List<DatasetDef> datasets, List<EndpointDef> endpoints,
                           List<CredentialDef> credentials, List<RuleDef> rules,
                           RedactionConfig redaction, AuditConfig audit) {
    public ParsedPolicy {
        // The policy hands these lists out; they must not be changeable by callers.
        principals = List.copyOf(principals);
        models = List.copyOf(models);
        datasets = List.copyOf(datasets);
        endpoints = endpoints == null ? null : List.copyOf(endpoints);
        credentials = List.copyOf(credentials);
        rules = List.copyOf(rules);
    }
}
