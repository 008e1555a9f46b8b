package dev.cordon.benchmarks;

import dev.cordon.policy.Action;
import dev.cordon.policy.Decision;
import dev.cordon.policy.Policy;
import dev.cordon.policy.PolicyLoader;
import dev.cordon.policy.PrincipalSelector;
import dev.cordon.policy.Resource;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-call cost the agent adds to an AI or dataset call, over a 200-rule policy: the
 * decision itself, the resource lookups before it, and principal selection over a stack.
 * Run with {@code -prof gc}: gc.alloc.rate.norm must stay ~0 B/op for the steady-state paths.
 */
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DecisionBenchmark {
    private static final int N = 16;

    private Policy policy;
    private PrincipalSelector selector;
    private final String[] principals = new String[N];
    private final Action[] actions = new Action[N];
    private final Resource[] resources = new Resource[N];
    private final String[] models = new String[N];
    private final String[] providers = new String[N];
    private final String[] files = new String[N];
    private final String[][] stacks = new String[N][];
    private final Resource[] foreign = new Resource[N];
    private int i;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        policy = PolicyLoader.parse(GeneratedPolicy.yaml(), "bench.yaml", false, Path.of("/bench"));
        if (policy.rules().size() != GeneratedPolicy.RULES) {
            throw new IllegalStateException("expected " + GeneratedPolicy.RULES + " rules");
        }
        selector = policy.principalSelector();
        for (int k = 0; k < N; k++) {
            principals[k] = "p" + (k * 3 % GeneratedPolicy.PRINCIPALS);
            switch (k % 4) {
                case 0:
                    actions[k] = Action.MODEL_CHAT;
                    break;
                case 1:
                    actions[k] = Action.DATASET_READ;
                    break;
                case 2:
                    actions[k] = Action.VECTOR_QUERY;
                    break;
                default:
                    actions[k] = Action.MODEL_EMBED;
                    break;
            }
            providers[k] = k % 2 == 0 ? "openai" : "anthropic";
            models[k] = (k % 3 == 0 ? "undeclared-" : "fam" + (k % GeneratedPolicy.MODELS) + "-") + "2024-" + k;
            files[k] = k % 2 == 0 ? "/data/d" + (k % GeneratedPolicy.DATASETS) + "/part-" + k + ".csv" : "/home/app/tmp/file-" + k;
            resources[k] = switch (actions[k]) {
                case DATASET_READ -> policy.datasetForFile("/data/d" + (k % GeneratedPolicy.DATASETS) + "/x");
                case VECTOR_QUERY -> policy.vector("col" + (k % 5) + "-docs");
                default -> policy.resolveModel(providers[k], models[k]);
            };
            String foreignId = "model:" + providers[k] + "/" + models[k];
            foreign[k] = () -> foreignId;
            stacks[k] = new String[] {
                "com.acme.shared.http.Client", "com.acme.shared.util.Retry", "org.springframework.web.Handler",
                "com.acme.p" + (k % GeneratedPolicy.PRINCIPALS) + ".service.Assistant", "com.acme.Main"};
        }
        int allowed = 0;
        for (int k = 0; k < N; k++) {
            allowed += policy.decide(principals[k], actions[k], resources[k]).allowed() ? 1 : 0;
        }
        if (allowed == 0 || allowed == N) {
            throw new IllegalStateException("benchmark inputs should mix allowed and denied: " + allowed);
        }
    }

    private int next() {
        return i = (i + 1) & (N - 1);
    }

    /** The hot path: a decision for an already resolved resource. */
    @Benchmark
    public Decision decide() {
        int k = next();
        return policy.decide(principals[k], actions[k], resources[k]);
    }

    /** Resolving the requested model, then deciding: what an intercepted AI call pays. */
    @Benchmark
    public Decision resolveModelAndDecide() {
        int k = next();
        return policy.decide(principals[k], Action.MODEL_CHAT, policy.resolveModel(providers[k], models[k]));
    }

    /** A file access: half inside a dataset, half outside every dataset. */
    @Benchmark
    public Object datasetForFile() {
        return policy.datasetForFile(files[next()]);
    }

    /**
     * For scale only: a decision that bypasses the caches (a Resource of a foreign class, so
     * it is read from its id and the 200 rules are evaluated). This path allocates by design;
     * it runs once per (resource, principal, action) after a load.
     */
    @Benchmark
    public Decision decideUncached() {
        int k = next();
        return policy.decide(principals[k], Action.MODEL_CHAT, foreign[k]);
    }

    /** Principal selection over a five-frame stack (after the agent drops JDK/library frames). */
    @Benchmark
    public int selectPrincipal() {
        int k = next();
        long c = selector.candidates("http-nio-8080-exec-1", "bench", null);
        String[] frames = stacks[k];
        for (String f : frames) {
            int p = selector.matchFrame(c, f);
            if (p >= 0) {
                return p;
            }
        }
        return selector.fallback(c);
    }
}
