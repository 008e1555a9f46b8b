package dev.cordon.policy;

import dev.cordon.policy.glob.TextGlob;
import dev.cordon.policy.load.TableNames;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which declared dataset a file or a JDBC table belongs to. File lookups run on every governed
 * I/O call of the application, so they first compare literal prefixes and only then run a glob;
 * a path outside every dataset costs a few {@code startsWith} calls and allocates nothing.
 */
final class DatasetIndex {
    private static final int URL_CACHE_LIMIT = 1024;

    private final DatasetRef[] refs;
    // File globs, flattened in declaration order, and the dataset each belongs to.
    private final FileGlobSet files;
    private final int[] fileOwner;
    // JDBC, per dataset (null url glob = no JDBC part).
    private final TextGlob[] urlGlobs;
    private final List<List<List<TableNames.Part>>> tables = new ArrayList<>();
    private final ConcurrentHashMap<String, List<DatasetRef>> byUrl = new ConcurrentHashMap<>();

    DatasetIndex(RuleEngine engine, List<DatasetDef> defs) {
        this.refs = defs.stream().map(d -> new DatasetRef(d, new DecisionCache(engine, engine.cacheSize())))
            .toArray(DatasetRef[]::new);
        List<String> globs = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        urlGlobs = new TextGlob[defs.size()];
        for (int i = 0; i < defs.size(); i++) {
            DatasetDef d = defs.get(i);
            for (String f : d.files()) {
                globs.add(f);
                owners.add(i);
            }
            tables.add(null);
            if (d.jdbcUrl() != null) {
                // Case-insensitive: a URL matching more broadly puts more access under the policy.
                urlGlobs[i] = TextGlob.compile(d.jdbcUrl(), true);
                List<List<TableNames.Part>> t = new ArrayList<>();
                for (String name : d.jdbcTables()) {
                    t.add(TableNames.split(name));
                }
                tables.set(i, t);
            }
        }
        files = FileGlobSet.of(globs);
        fileOwner = owners.stream().mapToInt(Integer::intValue).toArray();
    }

    DatasetRef forFile(String realPath) {
        int glob = files.indexOf(realPath);
        return glob < 0 ? null : refs[fileOwner[glob]];
    }

    DatasetRef forJdbc(String url, String table) {
        if (url == null) {
            return null;
        }
        for (int i = 0; i < refs.length; i++) {
            if (urlGlobs[i] != null && urlGlobs[i].matches(url) && tableMatches(tables.get(i), table)) {
                return refs[i];
            }
        }
        return null;
    }

    List<DatasetRef> forJdbcUrl(String url) {
        if (url == null) {
            return List.of();
        }
        List<DatasetRef> hit = byUrl.get(url);
        if (hit != null) {
            return hit;
        }
        List<DatasetRef> out = new ArrayList<>();
        for (int i = 0; i < refs.length; i++) {
            if (urlGlobs[i] != null && urlGlobs[i].matches(url)) {
                out.add(refs[i]);
            }
        }
        List<DatasetRef> result = out.isEmpty() ? List.of() : List.copyOf(out);
        if (byUrl.size() < URL_CACHE_LIMIT) {
            byUrl.putIfAbsent(url, result);
        }
        return result;
    }

    DatasetRef byId(String id) {
        for (DatasetRef r : refs) {
            if (r.dataset().id().equals(id)) {
                return r;
            }
        }
        return null;
    }

    /**
     * A dataset's {@code tables} against a table the application touched. Tables are compared
     * by name; schemas only when both sides name one, since the agent cannot always know the
     * default schema and a broader match keeps more access governed. An unquoted side compares
     * case-insensitively (databases fold unquoted names); quoted on both sides, exactly.
     */
    static boolean tableMatches(List<List<TableNames.Part>> declared, String table) {
        if (declared.isEmpty()) {
            return true;
        }
        if (table == null) {
            return false;
        }
        List<TableNames.Part> asked = TableNames.split(table.trim());
        if (asked == null) {
            asked = List.of(new TableNames.Part(table.trim(), false));
        }
        for (List<TableNames.Part> d : declared) {
            if (same(last(d, 0), last(asked, 0))) {
                TableNames.Part ds = last(d, 1);
                TableNames.Part as = last(asked, 1);
                if (ds == null || as == null || same(ds, as)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static TableNames.Part last(List<TableNames.Part> parts, int back) {
        int i = parts.size() - 1 - back;
        return i < 0 ? null : parts.get(i);
    }

    private static boolean same(TableNames.Part a, TableNames.Part b) {
        return a.quoted() && b.quoted() ? a.name().equals(b.name()) : a.name().equalsIgnoreCase(b.name());
    }
}
