package dev.cordon.policy.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Every scalar of a YAML fragment but its mapping keys, read without a YAML parser: how the agent learns
 * where a policy's file datasets are before the application may start, in well under a millisecond
 * where loading the parser costs a cold JVM about 0.2 s. Its answer is a superset of the fragment's
 * value scalars as the parser reads them, or null. (A key is never a value: dropping keys halves
 * the globs to resolve, each a few file-system calls.)
 *
 * <p>It reads the subset policies are written in: block mappings and sequences, flow collections
 * (which may span lines), plain scalars and one-line quoted scalars, comments. Wherever its reading
 * could differ from the parser's it gives up (null) rather than guess: escapes, scalars that go on
 * over several lines, anchors, aliases, tags, block scalars, complex keys, tabs, control characters,
 * and plain scalars in flow collections holding ':' or '?', which YAML versions split differently.
 * Internal.
 */
public final class YamlScalars {
    private YamlScalars() { }

    /** The scalars that are not keys, or null when this reader cannot be sure it sees them as the parser does. */
    public static List<String> of(String yaml) {
        for (int i = 0; i < yaml.length(); i++) {
            char c = yaml.charAt(i);
            if ((c < 0x20 && c != '\n') || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029'
                || c == '\uFEFF') {
                return null;                            // tabs, CR, NEL, LS, PS, BOM, control characters
            }
        }
        return new YamlScalars.Reader(yaml).read();
    }

    private static final class Reader {
        private final String s;
        private final List<String> out = new ArrayList<>();
        private int flow;                               // depth of open flow collections
        /** Block context: the last line ended in a plain scalar, which a line indented past this column continues. */
        private int continuedPast = -1;

        Reader(String s) {
            this.s = s;
        }

        List<String> read() {
            for (int line = 0; line <= s.length(); ) {
                int next = s.indexOf('\n', line);
                int end = next < 0 ? s.length() : next;
                if (!line(line, end)) {
                    return null;
                }
                line = end + 1;
            }
            return flow == 0 ? out : null;              // a flow collection still open: the fragment was cut
        }

        /** One line; false to give up. */
        private boolean line(int start, int end) {
            int p = skipSpaces(start, end);
            if (p == end || s.charAt(p) == '#') {
                return true;                            // blank or comment-only lines change nothing
            }
            boolean block = flow == 0;
            if (block && continuedPast >= 0 && p - start > continuedPast) {
                return false;                           // more indented than the plain scalar above: its continuation
            }
            continuedPast = -1;
            int dash = -1;                              // column of the last "- " that opened this line
            int key = -1;                               // column of the scalar before a block ':' on this line
            int scalarStart = -1;                       // column of the last scalar read
            boolean plainAtEnd = false;                 // the line's last token is a plain scalar
            boolean lastWasScalar = false;
            while (p < end) {
                char c = s.charAt(p);
                boolean last = false;
                boolean scalar = false;
                if (c == ' ') {
                    p++;
                    continue;
                }
                if (c == '#') {
                    if (s.charAt(p - 1) != ' ') {
                        return false;                   // not a comment to YAML, nor a scalar start
                    }
                    break;
                }
                if (c == '-' && flow == 0 && key < 0 && scalarStart < 0 && isBlank(p + 1, end)) {
                    dash = p - start;
                    p++;
                } else if (c == '[' || c == '{') {
                    flow++;
                    p++;
                } else if (c == ']' || c == '}') {
                    if (flow == 0) {
                        return false;
                    }
                    flow--;
                    p++;
                } else if (c == ',') {
                    if (flow == 0) {
                        return false;
                    }
                    p++;
                } else if (c == ':' && isValueIndicator(p + 1, end)) {
                    if (flow == 0) {
                        key = scalarStart;
                    }
                    if (lastWasScalar) {
                        out.remove(out.size() - 1);     // the scalar just read is this key
                    }
                    p++;
                } else if (c == '"' || c == '\'') {
                    int close = quoted(p, end, c);
                    if (close < 0) {
                        return false;
                    }
                    scalarStart = p - start;
                    p = close + 1;
                    scalar = true;
                } else if ("-?:&*!|>%@`".indexOf(c) >= 0) {
                    return false;                       // anchors, aliases, tags, block scalars, reserved starts
                } else {
                    int stop = plainEnd(p, end);
                    if (stop < 0) {
                        return false;
                    }
                    int trimmed = stop;
                    while (trimmed > p && s.charAt(trimmed - 1) == ' ') {
                        trimmed--;
                    }
                    out.add(s.substring(p, trimmed));
                    scalarStart = p - start;
                    boolean endedLine = stop == end || s.charAt(stop) == '#';
                    if (endedLine && flow > 0) {
                        return false;                   // a plain scalar in a flow collection may go on below
                    }
                    last = endedLine;
                    p = stop;
                    scalar = true;
                }
                plainAtEnd = last;
                lastWasScalar = scalar;
            }
            if (plainAtEnd && flow == 0) {
                // Which column a continuation must pass: the mapping's for a value, the sequence's for an
                // entry. A plain scalar alone on its line may itself be a continuation: give up.
                if (key >= 0) {
                    continuedPast = key;
                } else if (dash >= 0) {
                    continuedPast = dash;
                } else {
                    return false;
                }
            }
            return true;
        }

        /** The end of a plain scalar starting at p, or -1 to give up. */
        private int plainEnd(int p, int end) {
            for (int q = p; q < end; q++) {
                char c = s.charAt(q);
                if (c == '#' && s.charAt(q - 1) == ' ') {
                    return q;                           // a comment
                }
                if (c == ':' && isValueIndicator(q + 1, end)) {
                    return q;                           // a key's end
                }
                if (flow > 0) {
                    if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') {
                        return q;
                    }
                    if (c == ':' || c == '?') {
                        return -1;                      // where the YAML versions disagree
                    }
                }
            }
            return end;
        }

        /** The closing quote of a quoted scalar on this line, its content added; -1 to give up. */
        private int quoted(int open, int end, char quote) {
            StringBuilder text = new StringBuilder();
            for (int q = open + 1; q < end; q++) {
                char c = s.charAt(q);
                if (c == '\\' && quote == '"') {
                    return -1;                          // an escape
                }
                if (c == quote) {
                    if (quote == '\'' && q + 1 < end && s.charAt(q + 1) == '\'') {
                        text.append('\'');
                        q++;
                        continue;
                    }
                    int after = q + 1;
                    if (after < end && " :,]}".indexOf(s.charAt(after)) < 0) {
                        return -1;                      // something glued to the closing quote
                    }
                    out.add(text.toString());
                    return q;
                }
                text.append(c);
            }
            return -1;                                  // goes on over the next line
        }

        /** A ':' followed by a space, the end of the line or, in a flow collection, a flow indicator. */
        private boolean isValueIndicator(int after, int end) {
            if (after >= end) {
                return true;
            }
            char c = s.charAt(after);
            return c == ' ' || (flow > 0 && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}'));
        }

        private boolean isBlank(int p, int end) {
            return p >= end || s.charAt(p) == ' ';
        }

        private int skipSpaces(int p, int end) {
            while (p < end && s.charAt(p) == ' ') {
                p++;
            }
            return p;
        }
    }
}
