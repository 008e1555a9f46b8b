package dev.cordon.policy.load;

import dev.cordon.policy.DatasetDef;
import dev.cordon.policy.glob.TextGlob;
import dev.cordon.policy.tree.MapNode;
import dev.cordon.policy.tree.Node;
import dev.cordon.policy.tree.ScalarNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The {@code datasets} section. Internal. */
final class DatasetsReader {
    private static final Set<String> KEYS = Set.of("id", "env", "labels", "files", "jdbc");
    private static final Set<String> JDBC_KEYS = Set.of("url", "tables");

    private DatasetsReader() { }

    static List<DatasetDef> read(Node section, Problems problems, Ids ids, Path baseDir) {
        List<DatasetDef> out = new ArrayList<>();
        List<MapNode> items = Items.of(section, "datasets", problems);
        for (int i = 0; i < items.size(); i++) {
            MapNode item = items.get(i);
            Fields f = new Fields(item, Items.name("dataset", item, "datasets", i), problems, KEYS);
            ScalarNode id = f.scalar("id", true);
            boolean ok = id != null && ids.add(id);
            String env = f.string("env", false);
            ok &= !(f.has("env") && env == null && !isNull(f.node("env")));
            List<ScalarNode> labels = f.strings("labels");
            ok &= labels != null || !f.has("labels");
            List<String> files = new ArrayList<>();
            List<ScalarNode> fileNodes = f.strings("files");
            ok &= fileNodes != null || !f.has("files");
            if (fileNodes != null) {
                for (ScalarNode n : fileNodes) {
                    try {
                        files.add(FileGlobs.resolve(n.text(), baseDir));
                    } catch (IllegalArgumentException e) {
                        problems.at(n, "malformed file glob '" + n.text() + "': " + e.getMessage());
                        ok = false;
                    }
                }
            }
            String url = null;
            List<String> tables = List.of();
            MapNode jdbc = f.mapping("jdbc");
            ok &= jdbc != null || !f.has("jdbc") || isNull(f.node("jdbc"));
            if (jdbc != null) {
                Fields j = new Fields(jdbc, f.where() + " jdbc", problems, JDBC_KEYS);
                ScalarNode u = j.scalar("url", true);
                if (u != null) {
                    String why = TextGlob.check(u.text());
                    if (why != null) {
                        problems.at(u, "malformed JDBC URL glob '" + u.text() + "': " + why);
                        ok = false;
                    } else if (!u.text().startsWith("jdbc:") && !u.text().startsWith("*")) {
                        problems.at(u, "a JDBC URL glob starts with 'jdbc:', e.g. \"jdbc:postgresql://db*/prod\"");
                        ok = false;
                    }
                    url = u.text();
                } else {
                    ok = false;
                }
                List<ScalarNode> t = j.strings("tables");
                ok &= t != null || !j.has("tables");
                if (t != null) {
                    for (ScalarNode n : t) {
                        String why = TableNames.check(n.text());
                        if (why != null) {
                            problems.at(n, "malformed table name '" + n.text() + "': " + why);
                            ok = false;
                        }
                    }
                    if (t.isEmpty() && j.has("tables")) {
                        problems.at(j.node("tables"), "'tables' in " + j.where()
                            + " is empty; leave it out to cover every table of the database");
                        ok = false;
                    }
                    tables = Fields.texts(t);
                }
            }
            if (fileNodes == null && jdbc == null && !f.has("files") && !f.has("jdbc")) {
                problems.at(item, f.where() + " has neither 'files' nor 'jdbc', so it would govern nothing");
                ok = false;
            }
            if (ok) {
                out.add(new DatasetDef(id.text(), env, labels == null ? List.of() : Fields.texts(labels),
                    files, url, tables));
            }
        }
        return out;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.isNull();
    }
}
