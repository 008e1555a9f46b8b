package dev.cordon.policy;

import dev.cordon.policy.glob.TextGlob;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request (provider, model name) to {@link ModelRef}: the first declared entry whose provider
 * ("*" = any) and glob match, else an undeclared ref. Results are interned in a two-level map
 * (provider, then name) so a lookup needs no composite key and allocates nothing; past
 * {@link #LIMIT} entries refs are built fresh each time (a defence against unbounded names).
 */
final class ModelResolver {
    static final int LIMIT = 4096;

    private final RuleEngine engine;
    private final List<ModelDef> defs;
    private final TextGlob[] globs;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, ModelRef>> cache = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final ModelRef[] declaredRefs;

    ModelResolver(RuleEngine engine, List<ModelDef> defs) {
        this.engine = engine;
        this.defs = defs;
        this.globs = defs.stream().map(d -> TextGlob.compile(d.modelGlob(), true)).toArray(TextGlob[]::new);
        this.declaredRefs = defs.stream()
            .map(d -> new ModelRef(d.provider(), d.modelGlob(), d, new DecisionCache(engine, engine.cacheSize())))
            .toArray(ModelRef[]::new);
    }

    ModelRef resolve(String provider, String model) {
        String p = provider == null ? "unknown" : provider;
        String m = model == null ? "" : model;
        ConcurrentHashMap<String, ModelRef> byName = cache.get(p);
        if (byName != null) {
            ModelRef hit = byName.get(m);
            if (hit != null) {
                return hit;
            }
        }
        ModelRef ref = new ModelRef(p, m, match(p, m), new DecisionCache(engine, engine.cacheSize()));
        if (size.get() >= LIMIT) {
            return ref;
        }
        if (byName == null) {
            byName = cache.computeIfAbsent(p, k -> new ConcurrentHashMap<>());
        }
        ModelRef prior = byName.putIfAbsent(m, ref);
        if (prior != null) {
            return prior;
        }
        size.incrementAndGet();
        return ref;
    }

    private ModelDef match(String provider, String model) {
        for (int i = 0; i < globs.length; i++) {
            ModelDef d = defs.get(i);
            if ((d.provider().equals("*") || d.provider().equalsIgnoreCase(provider)) && globs[i].matches(model)) {
                return d;
            }
        }
        return null;
    }

    /** The canonical ref of a declared entry (for "model:<id>" in explain), or null. */
    ModelRef declared(String id) {
        for (ModelRef r : declaredRefs) {
            if (r.declared().id().equals(id)) {
                return r;
            }
        }
        return null;
    }
}
