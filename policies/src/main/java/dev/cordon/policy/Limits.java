package dev.cordon.policy;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** Limits of a rule, or the strictest combination of the applicable allows (spec 5). Immutable. */
public final class Limits {
    public static final Limits NONE = new Limits(-1, null, null, -1, -1);

    private final long maxOutputTokens;
    private final Set<String> tools;
    private final Boolean stream;
    private final long maxRows;
    private final long maxEpochs;

    private Limits(long maxOutputTokens, Set<String> tools, Boolean stream, long maxRows, long maxEpochs) {
        this.maxOutputTokens = maxOutputTokens;
        this.tools = tools == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(tools));
        this.stream = stream;
        this.maxRows = maxRows;
        this.maxEpochs = maxEpochs;
    }

    /** -1 / null mean "no limit"; returns {@link #NONE} when nothing is limited. */
    public static Limits of(long maxOutputTokens, Set<String> tools, Boolean stream, long maxRows, long maxEpochs) {
        if (maxOutputTokens < 0 && tools == null && stream == null && maxRows < 0 && maxEpochs < 0) {
            return NONE;
        }
        return new Limits(Math.max(-1, maxOutputTokens), tools, stream, Math.max(-1, maxRows), Math.max(-1, maxEpochs));
    }

    /** -1 = none. */
    public long maxOutputTokens() {
        return maxOutputTokens;
    }

    /** Allowed tool names; null = unrestricted, empty = no tools at all. */
    public Set<String> tools() {
        return tools;
    }

    /** null = unrestricted; FALSE = streaming is denied. */
    public Boolean stream() {
        return stream;
    }

    /** -1 = none. */
    public long maxRows() {
        return maxRows;
    }

    /** {@code limits.n_epochs} for fine-tuning; -1 = none. */
    public long maxEpochs() {
        return maxEpochs;
    }

    public boolean isNone() {
        return this == NONE;
    }

    /**
     * The strictest of both: smaller numbers, intersected tool lists, and stream false if
     * either says false (true only means "explicitly allowed", same as unrestricted).
     */
    public Limits strictest(Limits o) {
        if (o.isNone()) {
            return this;
        }
        if (isNone()) {
            return o;
        }
        Set<String> t;
        if (tools == null) {
            t = o.tools;
        } else if (o.tools == null) {
            t = tools;
        } else {
            t = new LinkedHashSet<>(tools);
            t.retainAll(o.tools);
        }
        Boolean s;
        if (Boolean.FALSE.equals(stream) || Boolean.FALSE.equals(o.stream)) {
            s = Boolean.FALSE;
        } else if (stream != null || o.stream != null) {
            s = Boolean.TRUE;
        } else {
            s = null;
        }
        return of(min(maxOutputTokens, o.maxOutputTokens), t, s, min(maxRows, o.maxRows), min(maxEpochs, o.maxEpochs));
    }

    private static long min(long a, long b) {
        if (a < 0) {
            return b;
        }
        if (b < 0) {
            return a;
        }
        return Math.min(a, b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Limits l && l.maxOutputTokens == maxOutputTokens && Objects.equals(l.tools, tools)
            && Objects.equals(l.stream, stream) && l.maxRows == maxRows && l.maxEpochs == maxEpochs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxOutputTokens, tools, stream, maxRows, maxEpochs);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        if (maxOutputTokens >= 0) {
            b.append("max_output_tokens: ").append(maxOutputTokens).append(", ");
        }
        if (tools != null) {
            b.append("tools: ").append(tools).append(", ");
        }
        if (stream != null) {
            b.append("stream: ").append(stream).append(", ");
        }
        if (maxRows >= 0) {
            b.append("max_rows: ").append(maxRows).append(", ");
        }
        if (maxEpochs >= 0) {
            b.append("n_epochs: ").append(maxEpochs).append(", ");
        }
        if (b.length() > 1) {
            b.setLength(b.length() - 2);
        }
        return b.append('}').toString();
    }
}
