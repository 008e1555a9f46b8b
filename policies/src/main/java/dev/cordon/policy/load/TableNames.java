package dev.cordon.policy.load;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL table names of the form {@code table} or {@code schema.table}, each part plain
 * (compared case-insensitively) or quoted with {@code "..."}, {@code `...`} or {@code [...]}
 * (compared exactly). Internal.
 */
public final class TableNames {
    /** One identifier: its text without quotes, and whether it was quoted. */
    public record Part(String name, boolean quoted) { }

    private TableNames() { }

    /** Why {@code s} is not a table name, or null. */
    public static String check(String s) {
        List<Part> parts = split(s);
        if (parts == null) {
            return "unbalanced quotes or empty part";
        }
        if (parts.size() > 2) {
            return "use 'table' or 'schema.table'";
        }
        return null;
    }

    /** The parts (1 to 3: catalog.schema.table), or null when malformed. */
    public static List<Part> split(String s) {
        List<Part> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            if (i >= n) {
                return null;
            }
            char c = s.charAt(i);
            char close = c == '"' ? '"' : c == '`' ? '`' : c == '[' ? ']' : 0;
            String name;
            boolean quoted;
            if (close != 0) {
                int end = s.indexOf(close, i + 1);
                if (end < 0 || end == i + 1) {
                    return null;
                }
                name = s.substring(i + 1, end);
                quoted = true;
                i = end + 1;
            } else {
                int end = s.indexOf('.', i);
                end = end < 0 ? n : end;
                name = s.substring(i, end).trim();
                if (name.isEmpty() || name.indexOf('"') >= 0 || name.indexOf('`') >= 0) {
                    return null;
                }
                quoted = false;
                i = end;
            }
            out.add(new Part(name, quoted));
            if (i == n) {
                return out.size() > 3 ? null : out;
            }
            if (s.charAt(i) != '.') {
                return null;
            }
            i++;
        }
    }
}
