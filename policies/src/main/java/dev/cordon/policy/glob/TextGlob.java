package dev.cordon.policy.glob;

/**
 * Model names, hosts, JDBC URLs, thread names, collections: {@code *} matches any run of
 * characters (any number of stars in a row mean the same). Optionally ASCII-case-insensitive.
 */
public final class TextGlob implements Glob {
    private final String pattern;
    private final char[] chars;
    private final boolean ignoreCase;
    private final boolean literal;
    private final String prefix;

    private TextGlob(String pattern, boolean ignoreCase) {
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
        this.chars = (ignoreCase ? lower(pattern) : pattern).toCharArray();
        this.literal = pattern.indexOf('*') < 0;
        int star = pattern.indexOf('*');
        this.prefix = star < 0 ? pattern : pattern.substring(0, star);
    }

    /** @throws IllegalArgumentException with a user-facing reason when malformed */
    public static TextGlob compile(String pattern, boolean ignoreCase) {
        String why = check(pattern);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        return new TextGlob(pattern, ignoreCase);
    }

    /** Why {@code pattern} is malformed, or null. */
    public static String check(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return "empty glob";
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (Character.isISOControl(c)) {
                return "control character in glob";
            }
        }
        return null;
    }

    @Override
    public String pattern() {
        return pattern;
    }

    @Override
    public String literalPrefix() {
        return ignoreCase ? "" : prefix;
    }

    public boolean isLiteral() {
        return literal;
    }

    @Override
    public boolean matches(String s) {
        return matchRange(chars, 0, chars.length, s, 0, s.length(), ignoreCase);
    }

    /**
     * Iterative wildcard match of {@code p[pFrom,pTo)} against {@code s[sFrom,sTo)}: on a
     * mismatch only the most recent star is retried one character further, which is correct
     * for a single kind of star and bounds the work by |p|·|s|.
     */
    static boolean matchRange(char[] p, int pFrom, int pTo, String s, int sFrom, int sTo,
                              boolean ignoreCase) {
        int pi = pFrom;
        int si = sFrom;
        int starP = -1;
        int starS = -1;
        while (si < sTo) {
            if (pi < pTo && p[pi] == '*') {
                while (pi < pTo && p[pi] == '*') {
                    pi++;
                }
                starP = pi;
                starS = si;
                continue;
            }
            if (pi < pTo) {
                char c = s.charAt(si);
                if (ignoreCase) {
                    c = lower(c);
                }
                if (p[pi] == c) {
                    pi++;
                    si++;
                    continue;
                }
            }
            if (starP >= 0) {
                pi = starP;
                si = ++starS;
                continue;
            }
            return false;
        }
        while (pi < pTo && p[pi] == '*') {
            pi++;
        }
        return pi == pTo;
    }

    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    static String lower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            b.append(lower(s.charAt(i)));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
