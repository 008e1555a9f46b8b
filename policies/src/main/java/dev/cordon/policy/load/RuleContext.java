package dev.cordon.policy.load;

import dev.cordon.policy.DatasetDef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What rules may refer to: the declared ids and names of the other sections. Internal. */
record RuleContext(Set<String> principals, Set<String> models, Set<String> datasets,
                   Set<String> envs, Set<String> labels, Set<String> credentials,
                   Set<String> redactionTypes) {

    static RuleContext of(Ids principals, Ids models, Ids datasets, List<DatasetDef> datasetDefs,
                          Ids credentials, Set<String> redactionTypes) {
        Set<String> envs = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (DatasetDef d : datasetDefs) {
            if (d.env() != null) {
                envs.add(d.env());
            }
            labels.addAll(d.labels());
        }
        return new RuleContext(Set.copyOf(principals.all()), Set.copyOf(models.all()),
            Set.copyOf(datasets.all()), envs, labels, Set.copyOf(credentials.all()), redactionTypes);
    }
}
