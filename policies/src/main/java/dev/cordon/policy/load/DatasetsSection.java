package dev.cordon.policy.load;

/**
 * Finds the policy's top-level {@code datasets:} section in its text, without a YAML parser: from the
 * {@code datasets:} line up to the next line that starts another top-level key (a line whose first
 * character is neither a space, a comment, nor a sequence dash: YAML lets a block sequence sit at its
 * key's own indentation). A character loop rather than regular expressions: this runs on a cold JVM,
 * where the interpreter makes a multi-line pattern cost milliseconds. Internal.
 *
 * <p>Sound only if the section found here is the one the parser reads, so anything that could make
 * them differ gives null: line breaks other than '\n' (YAML 1.1 also breaks lines at CR, NEL, LS and
 * PS), no {@code datasets:} line or more than one, a quoted or complex key spelling, several YAML
 * documents or directives.
 */
public final class DatasetsSection {
    private DatasetsSection() { }

    private static final String KEY = "datasets";

    /** The section's text, its key line included, or null when it cannot be told apart soundly. */
    public static String of(String text) {
        // One pass over an array for the line breaks YAML 1.1 knows besides '\n' (this runs
        // interpreted, before the application starts: String.charAt would cost three calls a character).
        char[] chars = text.toCharArray();
        for (char c : chars) {
            if ((c == '\r' || c >= '\u0085') && (c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029')) {
                return null;
            }
        }
        int start = -1;
        int end = text.length();
        for (int line = 0; line < text.length(); ) {
            int next = text.indexOf('\n', line);
            int stop = next < 0 ? text.length() : next;
            if (stop > line) {
                char first = text.charAt(line);
                if (first == '?' || first == '%' || text.startsWith("---", line) || text.startsWith("...", line)
                    || isKey(text, line, stop, 1, '"') || isKey(text, line, stop, 1, '\'')) {
                    return null;
                }
                if (isKey(text, line, stop, 0, (char) 0)) {
                    if (start >= 0) {
                        return null;                    // a second datasets key: which one wins is the parser's call
                    }
                    start = line;
                    end = text.length();
                } else if (start >= 0 && end == text.length() && first != ' ' && first != '\t' && first != '#'
                    && first != '-') {
                    end = line;                         // the next top-level key ends the section
                }
            }
            line = next < 0 ? text.length() : next + 1;
        }
        return start < 0 ? null : text.substring(start, end);
    }

    /** {@code datasets}, optionally quoted, then spaces and a colon, from {@code from}. */
    private static boolean isKey(String text, int from, int stop, int quoted, char quote) {
        if (quoted == 1 && (from >= stop || text.charAt(from) != quote)) {
            return false;
        }
        int p = from + quoted;
        if (!text.startsWith(KEY, p)) {
            return false;
        }
        p += KEY.length();
        if (quoted == 1) {
            if (p >= stop || text.charAt(p) != quote) {
                return false;
            }
            p++;
        }
        while (p < stop && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
            p++;
        }
        return p < stop && text.charAt(p) == ':';
    }
}
