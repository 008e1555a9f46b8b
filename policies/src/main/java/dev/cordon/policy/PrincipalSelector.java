package dev.cordon.policy;

import dev.cordon.policy.glob.Glob;
import dev.cordon.policy.glob.SegmentGlob;
import dev.cordon.policy.glob.TextGlob;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Principal selection (spec 3). The agent walks the stack itself and calls, per intercepted
 * call: {@link #candidates} once, then {@link #matchFrame} per frame outward until one answers
 * {@code >= 0}, else {@link #fallback}; -1 throughout means {@link #ANONYMOUS}.
 *
 * <p>Principal sets are {@code long} bitmasks: bit {@code i} is the i-th declared principal, so
 * "first declared" is the lowest set bit. That caps a policy at 64 principals, which validation
 * enforces with a clear message.
 */
public final class PrincipalSelector {
    public static final String ANONYMOUS = "anonymous";

    /** Distinct class names remembered by {@link #matchFrame}; beyond it results are computed each time. */
    private static final int CLASS_CACHE_LIMIT = 16_384;

    private final String[] ids;
    private final Glob[][] code;
    private final Glob[][] threads;
    private final Glob[][] service;
    private final String[] headerName;
    private final String[] headerEquals;
    /** Principals with no thread/service/header criterion: always candidates. */
    private final long unconditional;
    /** Principals with at least one such criterion: checked per call. */
    private final long conditional;
    private final long withCode;
    private final long withoutCode;
    private final boolean usesHeaders;
    private final ConcurrentHashMap<String, Long> codeMasks = new ConcurrentHashMap<>();

    PrincipalSelector(List<PrincipalDef> defs) {
        int n = defs.size();
        if (n > 64) {
            throw new IllegalArgumentException("at most 64 principals");
        }
        ids = new String[n];
        code = new Glob[n][];
        threads = new Glob[n][];
        service = new Glob[n][];
        headerName = new String[n];
        headerEquals = new String[n];
        long uncond = 0;
        long cond = 0;
        long wc = 0;
        boolean headers = false;
        for (int i = 0; i < n; i++) {
            PrincipalDef d = defs.get(i);
            ids[i] = d.id();
            code[i] = d.code().stream().map(SegmentGlob::classGlob).toArray(Glob[]::new);
            threads[i] = d.threads().stream().map(g -> TextGlob.compile(g, false)).toArray(Glob[]::new);
            service[i] = d.service().stream().map(g -> TextGlob.compile(g, false)).toArray(Glob[]::new);
            headerName[i] = d.headerName();
            headerEquals[i] = d.headerEquals();
            headers |= d.headerName() != null;
            if (threads[i].length == 0 && service[i].length == 0 && headerName[i] == null) {
                uncond |= 1L << i;
            } else {
                cond |= 1L << i;
            }
            if (code[i].length > 0) {
                wc |= 1L << i;
            }
        }
        unconditional = uncond;
        conditional = cond;
        withCode = wc;
        withoutCode = (n == 64 ? -1L : (1L << n) - 1) & ~wc;
        usesHeaders = headers;
    }

    /** Whether any principal has {@code code} globs (else no stack walk is needed). */
    public boolean usesCode() {
        return withCode != 0;
    }

    /** Whether any principal has an {@code http_header} criterion. */
    public boolean usesHeaders() {
        return usesHeaders;
    }

    /** The distinct header names that http_header criteria read, in declaration order (for carrying them into async work). */
    public java.util.List<String> headerNames() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (String h : headerName) {
            if (h != null) {
                names.add(h);
            }
        }
        return java.util.List.copyOf(names);
    }

    /** Number of declared principals. */
    public int size() {
        return ids.length;
    }

    /**
     * Principals whose thread, service and header criteria all hold (absent criteria hold).
     * {@code headers} maps a header name to its value (null when absent) and is null when no
     * inbound request is being served, in which case http_header criteria fail. Null thread or
     * service names fail the corresponding criteria.
     */
    public long candidates(String threadName, String serviceName, Function<String, String> headers) {
        long m = unconditional;
        for (long c = conditional; c != 0; c &= c - 1) {
            int i = Long.numberOfTrailingZeros(c);
            if (holds(threads[i], threadName) && holds(service[i], serviceName) && header(i, headers)) {
                m |= 1L << i;
            }
        }
        return m;
    }

    private static boolean holds(Glob[] globs, String value) {
        if (globs.length == 0) {
            return true;
        }
        if (value == null) {
            return false;
        }
        for (Glob g : globs) {
            if (g.matches(value)) {
                return true;
            }
        }
        return false;
    }

    private boolean header(int i, Function<String, String> headers) {
        if (headerName[i] == null) {
            return true;
        }
        if (headers == null) {
            return false;
        }
        String v = headers.apply(headerName[i]);
        return v != null && (headerEquals[i] == null || headerEquals[i].equals(v));
    }

    /**
     * Index of the first declared candidate whose {@code code} globs match {@code className},
     * or -1. Per-class results are cached (a class name's match set never changes for a
     * policy), so steady state is one map lookup and does not allocate.
     */
    public int matchFrame(long candidates, String className) {
        long m = candidates & withCode;
        if (m == 0) {
            return -1;
        }
        m &= codeMask(className);
        return m == 0 ? -1 : Long.numberOfTrailingZeros(m);
    }

    private long codeMask(String className) {
        Long cached = codeMasks.get(className);
        if (cached != null) {
            return cached;
        }
        long mask = 0;
        for (long c = withCode; c != 0; c &= c - 1) {
            int i = Long.numberOfTrailingZeros(c);
            for (Glob g : code[i]) {
                if (className.startsWith(g.literalPrefix()) && g.matches(className)) {
                    mask |= 1L << i;
                    break;
                }
            }
        }
        if (codeMasks.size() < CLASS_CACHE_LIMIT) {
            codeMasks.putIfAbsent(className, mask);
        }
        return mask;
    }

    /** Index of the first declared candidate without {@code code} criteria, or -1. */
    public int fallback(long candidates) {
        long m = candidates & withoutCode;
        return m == 0 ? -1 : Long.numberOfTrailingZeros(m);
    }

    /**
     * Whole selection over frames listed innermost first (the agent has already dropped JDK,
     * Cordon and intercepted-library frames): index, or -1 for anonymous.
     */
    public int select(long candidates, List<String> frameClassNames) {
        for (String cls : frameClassNames) {
            int i = matchFrame(candidates, cls);
            if (i >= 0) {
                return i;
            }
        }
        return fallback(candidates);
    }

    /** The id of principal {@code index}; {@link #ANONYMOUS} for -1. */
    public String id(int index) {
        return index < 0 ? ANONYMOUS : ids[index];
    }

    /** Index of a declared principal id, or -1 (also for "anonymous"). */
    public int indexOf(String id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
