package dev.cordon.policy.load;

import dev.cordon.policy.CredentialDef;
import dev.cordon.policy.tree.MapNode;
import dev.cordon.policy.tree.Node;
import dev.cordon.policy.tree.ScalarNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The {@code credentials} section (spec 7). Internal. */
final class CredentialsReader {
    private static final Set<String> KEYS = Set.of("id", "provider", "file", "max_age");

    private CredentialsReader() { }

    static List<CredentialDef> read(Node section, Problems problems, Ids ids, Path baseDir) {
        List<CredentialDef> out = new ArrayList<>();
        List<MapNode> items = Items.of(section, "credentials", problems);
        for (int i = 0; i < items.size(); i++) {
            MapNode item = items.get(i);
            Fields f = new Fields(item, Items.name("credential", item, "credentials", i), problems, KEYS);
            ScalarNode id = f.scalar("id", true);
            boolean ok = id != null && ids.add(id);
            String provider = ModelsReader.provider(f, "provider", problems, true, false);
            ok &= provider != null;
            Path file = path(f, "file", true, baseDir, problems);
            ok &= file != null;
            Duration maxAge = null;
            ScalarNode age = f.scalar("max_age", false);
            if (age != null) {
                maxAge = Durations.parse(age.text());
                if (maxAge == null) {
                    problems.at(age, "malformed max_age '" + age.text() + "': use a whole number and a unit, e.g. 30d, 12h, 15m, 60s");
                    ok = false;
                }
            }
            if (ok) {
                out.add(new CredentialDef(id.text(), provider, file, maxAge));
            }
        }
        return out;
    }

    /** A file path resolved against the policy folder; null when absent or malformed (reported). */
    static Path path(Fields f, String key, boolean required, Path baseDir, Problems problems) {
        ScalarNode s = f.scalar(key, required);
        if (s == null) {
            return null;
        }
        try {
            return baseDir.resolve(s.text()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            problems.at(s, "malformed path '" + s.text() + "' in " + f.where() + ": " + e.getReason());
            return null;
        }
    }
}
