package dev.cordon.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code separation: strict}: a principal that is granted any dataset of one env is denied the
 * datasets of every other env, unless a rule names that dataset explicitly ({@code dataset:<id>}).
 *
 * <p>Which env a principal "works in" is read from its allow rules, most deliberate first: the envs
 * of {@code dataset:env=X} grants; else the envs of datasets granted by id; else the envs of every
 * dataset its broad grants ({@code dataset:*}, {@code dataset:label=...}, {@code *}) reach. A grant
 * of a dataset in any other env is then denied, as are the grants of a principal whose anchor holds
 * two or more envs (it straddles environments; only datasets named by id stay open to it). Datasets
 * without an env are not affected. This only ever turns allows into denies.
 */
final class Separation {
    private final List<DatasetDef> datasets;
    private final ConcurrentHashMap<Integer, Set<String>> anchors = new ConcurrentHashMap<>();

    Separation(List<DatasetDef> datasets) {
        this.datasets = List.copyOf(datasets);
    }

    /**
     * The env the decision crosses into, with the principal's anchor, or null when separation
     * lets {@code allows} stand. {@code candidates} are the principal's rules for this slot.
     */
    String violation(int slot, CompiledRule[][] rulesByAction, DatasetRef d, List<RuleDef> allows) {
        String env = d.dataset().env();
        if (env == null) {
            return null;
        }
        String named = "dataset:" + d.dataset().id();
        for (RuleDef r : allows) {
            if (r.resources().contains(named)) {
                return null;
            }
        }
        Set<String> anchor = slot < 0 ? anchor(rulesByAction) : anchors.computeIfAbsent(slot, s -> anchor(rulesByAction));
        for (String a : anchor) {
            if (!a.equals(env)) {
                return anchor.size() == 1 ? "its datasets are in env '" + a + "'"
                    : "it is granted datasets in several envs " + anchor;
            }
        }
        return null;
    }

    private Set<String> anchor(CompiledRule[][] rulesByAction) {
        Set<String> byEnv = new LinkedHashSet<>();
        Set<String> byId = new LinkedHashSet<>();
        Set<String> broad = new LinkedHashSet<>();
        for (Action a : new Action[] {Action.DATASET_READ, Action.DATASET_WRITE}) {
            CompiledRule[] rules = rulesByAction[a.ordinal()];
            if (rules == null) {
                continue;
            }
            for (CompiledRule r : rules) {
                if (r.deny) {
                    continue;
                }
                for (DatasetDef d : datasets) {
                    if (d.env() == null || !r.matches(new DatasetRef(d, null))) {
                        continue;
                    }
                    if (r.def.resources().contains("dataset:env=" + d.env())) {
                        byEnv.add(d.env());
                    } else if (r.def.resources().contains("dataset:" + d.id())) {
                        byId.add(d.env());
                    } else {
                        broad.add(d.env());
                    }
                }
            }
        }
        Set<String> anchor = !byEnv.isEmpty() ? byEnv : !byId.isEmpty() ? byId : broad;
        return Set.copyOf(anchor);
    }
}
