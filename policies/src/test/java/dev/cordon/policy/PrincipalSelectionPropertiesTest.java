package dev.cordon.policy;

import dev.cordon.policy.glob.GlobPropertiesTest;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assertions;

/** PrincipalSelector against a literal reading of spec 3 (with regex-based class globs). */
class PrincipalSelectionPropertiesTest {
    record P(List<String> code, List<String> threads) { }

    @Property(tries = 1000)
    void selectionFollowsSpec3(@ForAll("principals") List<P> ps, @ForAll("frames") List<String> frames,
                               @ForAll("threads") String thread) {
        StringBuilder b = new StringBuilder(Yaml.HEAD + "principals:\n");
        for (int i = 0; i < ps.size(); i++) {
            b.append("  - { id: p").append(i).append(", match: {");
            List<String> parts = new ArrayList<>();
            if (!ps.get(i).code().isEmpty()) {
                parts.add(" code: " + quoted(ps.get(i).code()));
            }
            if (!ps.get(i).threads().isEmpty()) {
                parts.add(" threads: " + quoted(ps.get(i).threads()));
            }
            b.append(String.join(",", parts)).append(" } }\n");
        }
        PrincipalSelector s = Yaml.parse(b.toString()).principalSelector();
        // Twice: the second pass runs on the class-name cache.
        for (int pass = 0; pass < 2; pass++) {
            String actual = s.id(s.select(s.candidates(thread, "svc", null), frames));
            Assertions.assertEquals(oracle(ps, frames, thread), actual, b::toString);
        }
    }

    private static String oracle(List<P> ps, List<String> frames, String thread) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            List<String> t = ps.get(i).threads();
            if (t.isEmpty() || t.stream().anyMatch(g -> g.endsWith("*") ? thread.startsWith(g.substring(0, g.length() - 1)) : g.equals(thread))) {
                candidates.add(i);
            }
        }
        for (String frame : frames) {
            for (int i : candidates) {
                if (ps.get(i).code().stream().anyMatch(g -> GlobPropertiesTest.oracle(g, '.').matcher(frame).matches())) {
                    return "p" + i;
                }
            }
        }
        for (int i : candidates) {
            if (ps.get(i).code().isEmpty()) {
                return "p" + i;
            }
        }
        return "anonymous";
    }

    private static String quoted(List<String> l) {
        return "[" + String.join(", ", l.stream().map(x -> "\"" + x + "\"").toList()) + "]";
    }

    @Provide
    Arbitrary<List<P>> principals() {
        Arbitrary<List<String>> code = Arbitraries.of("com.a.**", "com.a.b.*", "com.**.X", "com.b.**", "**.X", "org.*")
            .list().uniqueElements().ofMaxSize(2);
        Arbitrary<List<String>> threads = Arbitraries.of("w-*", "main").list().uniqueElements().ofMaxSize(1);
        return Combinators.combine(code, threads).as(P::new)
            .filter(p -> !p.code().isEmpty() || !p.threads().isEmpty())
            .list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<String>> frames() {
        return Arbitraries.of("com.a.X", "com.a.b.X", "com.b.c.Y", "org.X", "com.X", "net.Z").list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> threads() {
        return Arbitraries.of("w-1", "main", "other");
    }
}
