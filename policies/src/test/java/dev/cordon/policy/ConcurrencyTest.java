package dev.cordon.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One policy shared by many threads: the racy caches must give every thread the same answers. */
class ConcurrencyTest {
    @Test
    void concurrentDecisionsAgree() throws Exception {
        StringBuilder b = new StringBuilder(Yaml.HEAD + "principals:\n");
        for (int i = 0; i < 10; i++) {
            b.append("  - { id: p").append(i).append(", match: { code: [\"com.p").append(i).append(".**\"] } }\n");
        }
        b.append("rules:\n");
        for (int i = 0; i < 10; i++) {
            b.append("  - { id: r").append(i).append(", effect: ").append(i % 3 == 0 ? "deny" : "allow")
                .append(", principals: [p").append(i).append("], actions: [\"model.*\"], resources: [\"model:openai/m")
                .append(i % 4).append("*\"] }\n");
        }
        Policy p = Yaml.parse(b.toString());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> jobs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                jobs.add(() -> {
                    StringBuilder seen = new StringBuilder();
                    for (int round = 0; round < 200; round++) {
                        for (int i = 0; i < 10; i++) {
                            for (int m = 0; m < 4; m++) {
                                Decision d = p.decide("p" + i, Action.MODEL_CHAT, p.resolveModel("openai", "m" + m + "-x"));
                                if (round == 199) {
                                    seen.append(d.allowed() ? 'A' : 'D').append(d.ruleId()).append(',');
                                }
                            }
                        }
                    }
                    return seen.toString();
                });
            }
            List<Future<String>> results = pool.invokeAll(jobs);
            String first = results.get(0).get();
            for (Future<String> f : results) {
                assertEquals(first, f.get());
            }
            assertTrue(first.startsWith("Dr0,Dnull,Dnull,Dnull,Dnull,Ar1,"), first);
        } finally {
            pool.shutdownNow();
        }
    }
}
