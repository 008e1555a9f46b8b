package dev.cordon.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Spec 3: candidates by thread/service/header, first matching frame, then the first code-less candidate. */
class PrincipalSelectorTest {
    private static final PrincipalSelector S = Yaml.parse(Yaml.HEAD + "principals:\n"
        + "  - { id: support-bot, match: { code: [\"com.acme.support.**\"] } }\n"          // 0
        + "  - { id: trainer, match: { code: [\"com.acme.training.**\"], threads: [\"trainer-*\"] } }\n" // 1
        + "  - { id: analyst, match: { http_header: { name: X-Role, equals: analyst } } }\n" // 2
        + "  - { id: batch, match: { threads: [\"batch-*\"] } }\n"                            // 3
        + "  - { id: broad, match: { code: [\"com.acme.**\"] } }\n"                           // 4
        + "  - { id: in-api, match: { service: [\"api-*\"], code: [\"com.acme.api.*\"] } }\n" // 5
        + "  - { id: any-role, match: { http_header: { name: X-Role } } }\n"                  // 6
    ).principalSelector();

    private static Function<String, String> headers(Map<String, String> h) {
        return h::get;
    }

    private static String select(String thread, String service, Function<String, String> headers, String... frames) {
        return S.id(S.select(S.candidates(thread, service, headers), List.of(frames)));
    }

    @Test
    void flags() {
        assertTrue(S.usesCode());
        assertTrue(S.usesHeaders());
        assertEquals(7, S.size());
        PrincipalSelector none = Yaml.parse(Yaml.HEAD).principalSelector();
        assertFalse(none.usesCode());
        assertFalse(none.usesHeaders());
        assertEquals("anonymous", none.id(none.select(none.candidates("main", null, null), List.of("com.x.Y"))));
    }

    @Test
    void candidatesHonourThreadsServiceAndHeaders() {
        // Unconditional: support-bot(0), broad(4).
        assertEquals(0b0010001L, S.candidates("main", null, null));
        assertEquals(0b0010011L, S.candidates("trainer-7", null, null));
        assertEquals(0b0011001L, S.candidates("batch-1", "web", null));
        assertEquals(0b0110001L, S.candidates("main", "api-eu", null));
        assertEquals(0b1010101L, S.candidates("main", null, headers(Map.of("X-Role", "analyst"))));
        assertEquals(0b1010001L, S.candidates("main", null, headers(Map.of("X-Role", "admin"))));
        assertEquals(0b0010001L, S.candidates(null, null, headers(Map.of())));
    }

    @Test
    void firstMatchingFrameDecides() {
        // Innermost frame first: the support frame is met before the broad one would be.
        assertEquals("support-bot", select("main", null, null, "com.acme.support.Bot", "com.acme.Main"));
        assertEquals("broad", select("main", null, null, "com.acme.Main", "com.acme.support.Bot"));
    }

    @Test
    void amongCandidatesMatchingAFrameTheFirstDeclaredWins() {
        // com.acme.support.X matches support-bot (0) and broad (4).
        long c = S.candidates("main", null, null);
        assertEquals(0, S.matchFrame(c, "com.acme.support.X"));
        assertEquals(4, S.matchFrame(c & ~1L, "com.acme.support.X"));
        assertEquals(-1, S.matchFrame(c, "org.other.X"));
    }

    @Test
    void codeCriteriaOfNonCandidatesDoNotCount() {
        // trainer needs a trainer-* thread; elsewhere its frames fall to the broad principal.
        assertEquals("broad", select("main", null, null, "com.acme.training.Job"));
        assertEquals("trainer", select("trainer-1", null, null, "com.acme.training.Job"));
        // in-api (5) is a candidate in service api-1, but broad (4) matches the same frame and was declared first.
        assertEquals("broad", select("main", "api-1", null, "com.acme.api.Handler"));
        long c = S.candidates("main", "api-1", null);
        assertEquals(5, S.matchFrame(c & ~(1L << 4), "com.acme.api.Handler"));
        assertEquals(-1, S.matchFrame(S.candidates("main", "web", null) & ~(1L << 4), "com.acme.api.Handler"));
    }

    @Test
    void withoutAMatchingFrameTheFirstCodelessCandidateWins() {
        assertEquals("analyst", select("batch-3", null, headers(Map.of("X-Role", "analyst")), "org.x.Y"));
        assertEquals("batch", select("batch-3", null, null, "org.x.Y"));
        assertEquals("any-role", select("main", null, headers(Map.of("X-Role", "ops")), "org.x.Y"));
        assertEquals(3, S.fallback(S.candidates("batch-3", null, null)));
    }

    @Test
    void noCandidateMeansAnonymous() {
        assertEquals("anonymous", select("main", null, null, "org.x.Y", "net.z.W"));
        assertEquals(PrincipalSelector.ANONYMOUS, S.id(-1));
        assertEquals(-1, S.fallback(0));
    }

    @Test
    void matchFrameIsStableAcrossCalls() {
        long c = S.candidates("main", null, null);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, S.matchFrame(c, "com.acme.support.a.b.C"));
            assertEquals(-1, S.matchFrame(c, "com.acmex.C"));
        }
        assertEquals(2, S.indexOf("analyst"));
        assertEquals(-1, S.indexOf("anonymous"));
    }

    @Test
    void sixtyFourPrincipalsFitInTheMask() {
        StringBuilder b = new StringBuilder(Yaml.HEAD + "principals:\n");
        for (int i = 0; i < 64; i++) {
            b.append("  - { id: p").append(i).append(", match: { threads: [t").append(i).append("] } }\n");
        }
        PrincipalSelector s = Yaml.parse(b.toString()).principalSelector();
        assertEquals(1L << 63, s.candidates("t63", null, null));
        assertEquals(63, s.fallback(s.candidates("t63", null, null)));
        assertEquals("p63", s.id(63));
    }
}
