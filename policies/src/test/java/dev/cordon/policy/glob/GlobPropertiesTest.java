package dev.cordon.policy.glob;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assertions;

/** The hand-written matchers agree with a regex translation of the documented semantics. */
public class GlobPropertiesTest {
    @Property(tries = 3000)
    void classGlobAgreesWithRegex(@ForAll("classGlobs") String glob, @ForAll("classNames") String name) {
        Assertions.assertEquals(oracle(glob, '.').matcher(name).matches(), SegmentGlob.classGlob(glob).matches(name),
            () -> glob + " vs " + name);
    }

    @Property(tries = 3000)
    void textGlobAgreesWithRegex(@ForAll("textGlobs") String glob, @ForAll("texts") String s) {
        String regex = "\\Q" + glob.replace("*", "\\E.*\\Q") + "\\E";
        Assertions.assertEquals(Pattern.compile(regex, Pattern.DOTALL).matcher(s).matches(),
            TextGlob.compile(glob, false).matches(s), () -> glob + " vs " + s);
    }

    /**
     * Documented semantics as a regex: '*' = [^sep]*; a middle or leading '**' segment = zero or
     * more whole segments; a trailing '**' = one or more segments.
     */
    public static Pattern oracle(String glob, char sep) {
        String[] segs = glob.split(Pattern.quote(String.valueOf(sep)), -1);
        String q = Pattern.quote(String.valueOf(sep));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < segs.length; i++) {
            boolean last = i == segs.length - 1;
            if (segs[i].equals("**")) {
                if (last) {
                    b.append(".+");                       // one or more segments (after the separator)
                } else {
                    b.append("(?:[^").append(q).append("]*").append(q).append(")*");
                }
                continue;
            }
            b.append(segs[i].chars().mapToObj(c -> c == '*' ? "[^" + q + "]*" : Pattern.quote(String.valueOf((char) c)))
                .reduce("", String::concat));
            if (!last) {
                b.append(q);
            }
        }
        return Pattern.compile(b.toString());
    }

    @Provide
    Arbitrary<String> classGlobs() {
        Arbitrary<String> seg = Arbitraries.oneOf(
            Arbitraries.of("a", "b", "ab", "*", "a*", "*b", "a*b", "**"));
        return seg.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join(".", l))
            .filter(g -> SegmentGlob.checkClass(g) == null);
    }

    @Provide
    Arbitrary<String> classNames() {
        return Arbitraries.of("a", "b", "ab", "ba", "aab", "abb").list().ofMinSize(1).ofMaxSize(6)
            .map(l -> String.join(".", l));
    }

    @Provide
    Arbitrary<String> textGlobs() {
        return Arbitraries.strings().withChars("ab*.").ofMinLength(1).ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> texts() {
        return Combinators.combine(Arbitraries.strings().withChars("ab.").ofMaxLength(10), Arbitraries.just(""))
            .as((a, b) -> a + b);
    }
}
