package dev.cordon.policy;

import dev.cordon.policy.load.ParsedPolicy;
import dev.cordon.policy.load.ResourcePattern;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loaded policy: immutable, compiled once per load, safe to share between threads.
 *
 * <p>Resources should come from this policy ({@link #resolveModel}, {@link #datasetForFile},
 * {@link #datasetForJdbc}, {@link #vector}): each carries a decision cache for this policy, which
 * makes {@link #decide} allocation-free once warm. After a reload, resolve resources again from
 * the new policy; old ones still decide correctly, only without caching.
 */
public final class Policy {
    private static final int VECTOR_CACHE_LIMIT = 4096;

    private final ParsedPolicy parsed;
    private final Map<String, CredentialDef> credentials = new HashMap<>();
    private final RuleEngine engine;
    private final PrincipalSelector selector;
    private final ModelResolver models;
    private final DatasetIndex datasets;
    private final EndpointIndex endpoints;
    private final ConcurrentHashMap<String, VectorRef> vectors = new ConcurrentHashMap<>();

    Policy(ParsedPolicy parsed) {
        this.parsed = parsed;
        for (CredentialDef c : parsed.credentials()) {
            credentials.put(c.id(), c);
        }
        this.engine = new RuleEngine(parsed.mode(), parsed.principals(), parsed.rules());
        if ("strict".equals(parsed.separation())) {
            engine.separate(new Separation(parsed.datasets()));
        }
        this.selector = new PrincipalSelector(parsed.principals());
        this.models = new ModelResolver(engine, parsed.models());
        this.datasets = new DatasetIndex(engine, parsed.datasets());
        this.endpoints = new EndpointIndex(parsed.endpoints() == null ? List.of() : parsed.endpoints());
    }

    /** Always 1. */
    public int version() {
        return parsed.version();
    }

    /** The policy's own mode (overrides are the agent's business). */
    public Mode mode() {
        return parsed.mode();
    }

    /** Nullable. */
    public String service() {
        return parsed.service();
    }

    public boolean lockMode() {
        return parsed.lockMode();
    }

    /**
     * "strict" or "off" (default). Under strict, a principal granted datasets of one env is denied
     * the datasets of every other env unless a rule names them by id (see {@link Decision#separation()}).
     */
    public String separation() {
        return parsed.separation();
    }

    /** The folder relative paths and globs were resolved against. */
    public Path baseDir() {
        return parsed.baseDir();
    }

    public List<PrincipalDef> principals() {
        return parsed.principals();
    }

    public List<ModelDef> models() {
        return parsed.models();
    }

    public List<DatasetDef> datasets() {
        return parsed.datasets();
    }

    /** Empty when the section is absent; see {@link #hasEndpoints()}. */
    public List<EndpointDef> endpoints() {
        return parsed.endpoints() == null ? List.of() : parsed.endpoints();
    }

    /** Whether the policy has an {@code endpoints} section (then unlisted AI hosts are denied). */
    public boolean hasEndpoints() {
        return parsed.endpoints() != null;
    }

    public List<CredentialDef> credentials() {
        return parsed.credentials();
    }

    public List<RuleDef> rules() {
        return parsed.rules();
    }

    public RedactionConfig redaction() {
        return parsed.redaction();
    }

    public AuditConfig audit() {
        return parsed.audit();
    }

    /** Nullable. */
    public CredentialDef credential(String id) {
        return credentials.get(id);
    }

    /**
     * The first declared models entry whose provider ("*" = any) and glob fit, else an
     * undeclared ref {@code model:<provider>/<name>}. Interned: same inputs, same instance
     * (up to 4096 distinct models; beyond that, fresh instances).
     */
    public ModelRef resolveModel(String provider, String modelName) {
        return models.resolve(provider, modelName);
    }

    /** The declared dataset a real absolute path belongs to, or null. Allocation-free when none matches. */
    public DatasetRef datasetForFile(String realPath) {
        return datasets.forFile(realPath);
    }

    /** The declared dataset with this id, or null. */
    public DatasetRef dataset(String id) {
        return datasets.byId(id);
    }

    /** The declared dataset for a JDBC URL and table ("schema.table" or "table"), or null. */
    public DatasetRef datasetForJdbc(String jdbcUrl, String table) {
        return datasets.forJdbc(jdbcUrl, table);
    }

    /** The datasets whose jdbc.url glob matches, in declaration order; empty if none. */
    public List<DatasetRef> datasetsForJdbcUrl(String jdbcUrl) {
        return datasets.forJdbcUrl(jdbcUrl);
    }

    /** Resource {@code vector:<collection>}; interned per collection name (up to 4096). */
    public VectorRef vector(String collection) {
        Objects.requireNonNull(collection, "collection");
        VectorRef v = vectors.get(collection);
        if (v != null) {
            return v;
        }
        v = new VectorRef(collection, new DecisionCache(engine, engine.cacheSize()));
        if (vectors.size() >= VECTOR_CACHE_LIMIT) {
            return v;
        }
        VectorRef prior = vectors.putIfAbsent(collection, v);
        return prior != null ? prior : v;
    }

    /**
     * The endpoints entry for a host and port, or null. Host globs: '*' any run of characters,
     * case-insensitive. An entry with a port covers only that port and wins over one without.
     */
    public EndpointDef endpoint(String host, int port) {
        return endpoints.find(host, port);
    }

    /**
     * The decision (spec 5). {@code principalId} is a declared id or {@code "anonymous"}; any
     * other id is matched by {@code "*"} rules only. Allocation-free in steady state for
     * resources obtained from this policy.
     */
    public Decision decide(String principalId, Action action, Resource resource) {
        Objects.requireNonNull(principalId, "principalId");
        return decide(engine.slot(principalId), principalId, action, resource);
    }

    /** Same, by {@link PrincipalSelector} index (-1 = anonymous); skips the id lookup. */
    public Decision decide(int principalIndex, Action action, Resource resource) {
        int slot = principalIndex < 0 ? engine.anonymousSlot() : principalIndex;
        if (slot > engine.anonymousSlot()) {
            throw new IllegalArgumentException("no principal " + principalIndex);
        }
        return decide(slot, selector.id(principalIndex), action, resource);
    }

    private Decision decide(int slot, String principalId, Action action, Resource resource) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        DecisionCache cache;
        if (resource instanceof ModelRef m) {
            cache = m.cache;
        } else if (resource instanceof DatasetRef d) {
            cache = d.cache;
        } else if (resource instanceof VectorRef v) {
            cache = v.cache;
        } else {
            // A foreign Resource: understand it by its id, decide without caching.
            return engine.compute(slot, principalId, action, parseResource(resource.id()));
        }
        return engine.decide(slot, principalId, action, resource, cache);
    }

    public PrincipalSelector principalSelector() {
        return selector;
    }

    /**
     * For the CLI: decides for a principal id, an action wire name and a resource string
     * ({@code model:<id>}, {@code model:<provider>/<name>}, {@code dataset:<id>},
     * {@code vector:<name>}).
     *
     * @throws IllegalArgumentException on an unknown action, a malformed resource or an undeclared id
     */
    public Decision explain(String principalId, String action, String resource) {
        if (principalId == null || principalId.isEmpty()) {
            throw new IllegalArgumentException("missing principal");
        }
        Action a = Action.fromWire(action);
        if (a == null) {
            throw new IllegalArgumentException("unknown action '" + action + "' (known: model.chat, model.embed, "
                + "model.fine_tune, model.files, dataset.read, dataset.write, vector.query, vector.write)");
        }
        Resource r = parseResource(resource);
        String family = r instanceof ModelRef ? "model" : r instanceof DatasetRef ? "dataset" : "vector";
        if (!a.family().equals(family)) {
            throw new IllegalArgumentException("action " + a.wireName() + " does not act on " + family
                + " resources (" + a.family() + ".* actions act on " + a.family() + ": resources)");
        }
        return decide(principalId, a, r);
    }

    /** A concrete resource string to this policy's resource instance. */
    Resource parseResource(String resource) {
        if (resource == null) {
            throw new IllegalArgumentException("missing resource");
        }
        ResourcePattern p = ResourcePattern.parse(resource);
        switch (p.kind()) {
            case MODEL_ID: {
                ModelRef r = models.declared(p.value());
                if (r == null) {
                    throw new IllegalArgumentException("no model '" + p.value() + "' is declared; "
                        + "for an undeclared model write model:<provider>/<name>");
                }
                return r;
            }
            case MODEL_GLOB:
                if (p.provider().equals("*") || p.value().indexOf('*') >= 0) {
                    throw new IllegalArgumentException("'" + resource + "' is a pattern; name one provider and model");
                }
                return resolveModel(p.provider(), p.value());
            case DATASET_ID: {
                DatasetRef r = datasets.byId(p.value());
                if (r == null) {
                    throw new IllegalArgumentException("no dataset '" + p.value() + "' is declared");
                }
                return r;
            }
            case VECTOR:
                if (p.value().indexOf('*') >= 0) {
                    throw new IllegalArgumentException("'" + resource + "' is a pattern; name one collection");
                }
                return vector(p.value());
            default:
                throw new IllegalArgumentException("'" + resource + "' is a pattern, not a resource: use model:<id>, "
                    + "model:<provider>/<name>, dataset:<id> or vector:<name>");
        }
    }
}
