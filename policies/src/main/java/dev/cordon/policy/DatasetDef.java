package dev.cordon.policy;

import java.util.List;

/**
 * A governed dataset. {@code files} are absolute '/'-separated globs (relative ones already
 * resolved against the policy folder). {@code jdbcUrl} is null when the dataset has no JDBC
 * part; {@code jdbcTables} empty means every table of that database.
 */
public record DatasetDef(String id, String env, List<String> labels, List<String> files,
                         String jdbcUrl, List<String> jdbcTables) {
    public DatasetDef {
        labels = List.copyOf(labels);
        files = List.copyOf(files);
        jdbcTables = List.copyOf(jdbcTables);
    }
}
