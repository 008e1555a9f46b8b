package dev.cordon.policy.glob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentGlobTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "com.acme.**, com.acme.X, true",
        "com.acme.**, com.acme.a.b.X, true",
        "com.acme.**, com.acme, false",
        "com.acme.**, com.acmex.X, false",
        "com.acme.**, com.acme.X$Inner, true",
        "com.acme.*, com.acme.X, true",
        "com.acme.*, com.acme.a.X, false",
        "com.acme.*Service, com.acme.OrderService, true",
        "com.acme.*Service, com.acme.Service, true",
        "com.acme.*Service, com.acme.OrderServiceImpl, false",
        "com.*.support.*, com.acme.support.Bot, true",
        "com.*.support.*, com.acme.x.support.Bot, false",
        "com.**.Bot, com.Bot, true",
        "com.**.Bot, com.a.b.c.Bot, true",
        "com.**.Bot, com.a.b.c.Bots, false",
        "**.Bot, Bot, true",
        "**.Bot, a.b.Bot, true",
        "**, anything.at.All, true",
        "com.acme.Exact, com.acme.Exact, true",
        "com.acme.Exact, com.acme.Exactly, false",
        "com.**.x.**, com.x.y, true",
        "com.**.x.**, com.a.x, false",
        "com.**.x.**, com.a.b.x.c.d, true",
        "a.*.*.d, a.b.c.d, true",
        "a.*.*.d, a.b.d, false",
        "a*b*c.x, aXbYc.x, true",
        "a*b*c.x, abc.x, true",
        "a*b*c.x, ab.c.x, false",
    })
    void classGlobs(String glob, String name, boolean expected) {
        assertEquals(expected, SegmentGlob.classGlob(glob).matches(name));
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "/srv/data/prod/**, /srv/data/prod/a.csv, true",
        "/srv/data/prod/**, /srv/data/prod/x/y/a.csv, true",
        "/srv/data/prod/**, /srv/data/prod, false",
        "/srv/data/prod/**, /srv/data/production/a.csv, false",
        "/srv/data/*.csv, /srv/data/a.csv, true",
        "/srv/data/*.csv, /srv/data/x/a.csv, false",
        "/srv/**/secret.txt, /srv/secret.txt, true",
        "/srv/**/secret.txt, /srv/a/b/secret.txt, true",
        "/srv/**/*.key, /srv/a/b/c.key, true",
        "/srv/**/*.key, /srv/a/b/c.keys, false",
        "/srv/data/a.csv, /srv/data/a.csv, true",
        "/srv/data/a.csv, /srv/data/a.csvx, false",
    })
    void pathGlobs(String glob, String path, boolean expected) {
        assertEquals(expected, SegmentGlob.pathGlob(glob).matches(path));
    }

    @Test
    void malformedClassGlobs() {
        assertEquals("empty glob", SegmentGlob.checkClass(""));
        assertTrue(SegmentGlob.checkClass("com.***").startsWith("'***' is not a glob"));
        assertTrue(SegmentGlob.checkClass("com.acme**").startsWith("'**' must be a whole segment"));
        assertTrue(SegmentGlob.checkClass("**com").startsWith("'**' must be a whole segment"));
        assertTrue(SegmentGlob.checkClass("com..acme").startsWith("empty segment"));
        assertTrue(SegmentGlob.checkClass(".com").startsWith("empty segment"));
        assertTrue(SegmentGlob.checkClass("com acme").startsWith("' ' cannot appear"));
        assertNull(SegmentGlob.checkClass("com.acme.Outer$Inner"));
        assertThrows(IllegalArgumentException.class, () -> SegmentGlob.classGlob("a**"));
    }

    @Test
    void malformedPathGlobs() {
        assertTrue(SegmentGlob.checkPath("/a/**b").startsWith("'**' must be a whole segment"));
        assertTrue(SegmentGlob.checkPath("/a/[ab]").contains("not supported"));
        assertTrue(SegmentGlob.checkPath("/a/{x,y}").contains("not supported"));
        assertTrue(SegmentGlob.checkPath("/a//b").startsWith("empty path segment"));
        assertTrue(SegmentGlob.checkPath("/a/").startsWith("ends with '/'"));
        assertNull(SegmentGlob.checkPath("data/training/**"));
    }

    @Test
    void literalPrefixStopsAtFirstStar() {
        assertEquals("/srv/data/prod/", SegmentGlob.pathGlob("/srv/data/prod/**").literalPrefix());
        assertEquals("com.acme.", SegmentGlob.classGlob("com.acme.*Service").literalPrefix());
        assertEquals("", SegmentGlob.classGlob("**.Bot").literalPrefix());
    }

    @Test
    void noExponentialBacktracking() {
        // A classic blow-up pattern for naive recursive matchers.
        StringBuilder g = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            g.append("**.a*a*a*.");
        }
        g.append("b");
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            s.append("aaaaaaaaaa.");
        }
        s.append("c");
        SegmentGlob glob = SegmentGlob.classGlob(g.toString().replace(".**.", ".**."));
        long t0 = System.nanoTime();
        assertFalse(glob.matches(s.toString()));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "matching took too long");
    }
}
