package dev.cordon.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Steady-state decisions, file lookups outside datasets and frame matching must not allocate.
 * Measured with the HotSpot per-thread allocation counter; a small slack absorbs the counter's
 * own noise, while one allocation per call (a Long, an iterator) would exceed it by far.
 */
class AllocationTest {
    private static final int CALLS = 100_000;

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
            .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static long measure(Runnable r) {
        for (int i = 0; i < 3; i++) {
            r.run();                      // warm-up: fill caches
        }
        long before = allocated();
        r.run();
        return allocated() - before;
    }

    @Test
    void hotPathsDoNotAllocate() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        Policy p = Yaml.parse(Yaml.HEAD
            + "principals:\n  - { id: a, match: { code: [\"com.a.**\"] } }\n  - { id: b, match: { threads: [\"b-*\"] } }\n"
            + "models:\n  - { id: m, provider: openai, model: \"gpt-4o*\" }\n"
            + "datasets:\n  - { id: d, files: [\"/srv/d/**\"] }\n"
            + "rules:\n  - { id: r, effect: allow, principals: [a], actions: [model.chat], resources: [\"model:m\"], limits: { max_output_tokens: 9 } }\n"
            + "  - { id: x, effect: deny, principals: [\"*\"], actions: [\"dataset.*\"], resources: [\"dataset:*\"] }\n");
        ModelRef m = p.resolveModel("openai", "gpt-4o");
        DatasetRef d = p.datasetForFile("/srv/d/f");
        PrincipalSelector s = p.principalSelector();
        boolean[] sink = new boolean[1];
        long decide = measure(() -> {
            for (int i = 0; i < CALLS; i++) {
                sink[0] ^= p.decide("a", Action.MODEL_CHAT, m).allowed();
                sink[0] ^= p.decide("b", Action.DATASET_READ, d).allowed();
                sink[0] ^= p.decide(-1, Action.MODEL_CHAT, m).allowed();
            }
        });
        long resolve = measure(() -> {
            for (int i = 0; i < CALLS; i++) {
                sink[0] ^= p.resolveModel("openai", "gpt-4o") == m;
            }
        });
        long files = measure(() -> {
            for (int i = 0; i < CALLS; i++) {
                sink[0] ^= p.datasetForFile("/home/user/notes.txt") == null;
            }
        });
        long frames = measure(() -> {
            for (int i = 0; i < CALLS; i++) {
                long c = s.candidates("main", "svc", null);
                sink[0] ^= s.matchFrame(c, "com.a.Service") == 0;
                sink[0] ^= s.matchFrame(c, "org.other.Thing") == -1;
            }
        });
        assertTrue(decide < 4096, "decide allocated " + decide + " bytes over " + 3 * CALLS + " calls");
        assertTrue(resolve < 4096, "resolveModel allocated " + resolve + " bytes");
        assertTrue(files < 4096, "datasetForFile allocated " + files + " bytes");
        assertTrue(frames < 4096, "candidates/matchFrame allocated " + frames + " bytes");
        assertEquals(9, p.decide("a", Action.MODEL_CHAT, m).limits().maxOutputTokens());
    }
}
