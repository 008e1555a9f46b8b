package dev.cordon.policy.tree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the plain YAML that policies are written in straight into a {@link Node} tree, without
 * SnakeYAML and Jackson: on a cold JVM, loading and interpreting those ~200 classes is most of the
 * ~0.15 s of CPU a policy load costs, paid by every JVM the agent starts in. It gives the tree the
 * parser gives (same structure, key order, texts, kinds and positions, property-tested against
 * {@link TreeReader}'s Jackson reading), or null, and then the parser reads the policy.
 *
 * <p>What it reads: one document whose root is a block mapping; block mappings and sequences
 * (a sequence may sit at its key's indentation; an item may open a compact mapping); flow
 * collections, which may span lines; plain scalars and one-line quoted scalars; comments. What it
 * leaves to the parser (null): anything else (anchors, aliases, tags, block scalars, complex keys,
 * directives, several documents, tabs, CR line breaks, escapes, multi-line scalars), duplicate
 * keys and syntax errors (the parser words those), and plain scalars whose type YAML 1.1 resolves
 * in ways not worth mirroring (anything numeric but a plain decimal integer; yes/no/on/off).
 */
public final class PlainYaml {
    private final String s;
    private int pos;                // the next character to read
    private int line = 1;           // 1-based line of pos
    private int lineStart;          // index where that line starts

    private PlainYaml(String s) {
        this.s = s;
    }

    /** Thrown to give up; caught in {@link #read}. */
    private static final class Unsupported extends RuntimeException {
        private static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super(null, null, false, false);
        }
    }

    private static Unsupported giveUp() {
        return Unsupported.INSTANCE;
    }

    /** The document's tree, or null when the parser must read it. */
    public static Node read(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n') || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029'
                || c == '\uFEFF' || (c >= '\uD800' && c <= '\uDFFF')) {
                return null;        // tabs, CR, NEL, LS, PS, BOM, control characters, surrogates
            }
        }
        try {
            PlainYaml r = new PlainYaml(text);
            if (!r.nextContentLine() || r.indent() != 0) {
                return null;
            }
            Node root = r.blockNode(0);
            if (!(root instanceof MapNode) || r.nextContentLine()) {
                return null;
            }
            return root;
        } catch (Unsupported | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    // ---- lines ----

    /** Moves to the first non-space character of the next line holding content; false at the end. */
    private boolean nextContentLine() {
        while (true) {
            int p = pos;
            while (p < s.length() && s.charAt(p) == ' ') {
                p++;
            }
            if (p < s.length() && s.charAt(p) != '\n' && s.charAt(p) != '#') {
                if (p == lineStart && (s.startsWith("---", p) || s.startsWith("...", p) || s.charAt(p) == '%')) {
                    throw giveUp();                 // documents and directives
                }
                pos = p;
                return true;
            }
            int nl = s.indexOf('\n', p);
            if (nl < 0) {
                pos = s.length();
                return false;
            }
            pos = nl + 1;
            line++;
            lineStart = pos;
        }
    }

    /** At a content line's first character: its indentation. */
    private int indent() {
        return pos - lineStart;
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private boolean atLineEnd() {
        return pos >= s.length() || s.charAt(pos) == '\n';
    }

    private void skipSpaces() {
        while (pos < s.length() && s.charAt(pos) == ' ') {
            pos++;
        }
    }

    /** After a value: only spaces and a comment may follow on the line. */
    private void endOfLine() {
        skipSpaces();
        if (atLineEnd()) {
            return;
        }
        if (s.charAt(pos) == '#' && pos > lineStart && s.charAt(pos - 1) == ' ') {
            int nl = s.indexOf('\n', pos);
            pos = nl < 0 ? s.length() : nl;
            return;
        }
        throw giveUp();
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\n';
    }

    private char peek(int ahead) {
        return pos + ahead < s.length() ? s.charAt(pos + ahead) : '\n';
    }

    private boolean dashAhead() {
        return peek() == '-' && (peek(1) == ' ' || peek(1) == '\n');
    }

    // ---- block context ----

    /** A block node starting at pos, the first character of a content line indented {@code indent}. */
    private Node blockNode(int indent) {
        if (dashAhead()) {
            return blockSequence(indent);
        }
        if (keyAhead()) {
            return blockMapping(indent);
        }
        // A lone value on its own line: a flow collection or a quoted scalar (a plain scalar could go on below).
        char c = peek();
        Node value;
        if (c == '[' || c == '{') {
            value = flowNode(indent);
        } else if (c == '"' || c == '\'') {
            value = quoted();
        } else {
            throw giveUp();
        }
        endOfLine();
        return value;
    }

    /** Whether the line from pos holds a one-line scalar key followed by ':' and a space or the line's end. */
    private boolean keyAhead() {
        int save = pos;
        try {
            char c = peek();
            if (c == '"' || c == '\'') {
                quoted();
            } else {
                plainEnd(false);
                pos = plainStop;
            }
            skipSpaces();
            return peek() == ':' && (peek(1) == ' ' || peek(1) == '\n');
        } catch (Unsupported e) {
            return false;
        } finally {
            pos = save;
        }
    }

    private MapNode blockMapping(int indent) {
        Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
        int mapLine = line;
        int mapColumn = column();
        while (true) {
            int keyLine = line;
            int keyColumn = column();
            String key = key();
            skipSpaces();
            if (peek() != ':' || !(peek(1) == ' ' || peek(1) == '\n')) {
                throw giveUp();                     // in block context a key's ':' is followed by a space
            }
            int colonColumn = column();
            pos++;
            Node value = mappingValue(indent, keyLine, colonColumn);
            if (entries.put(key, new MapNode.Entry(key, keyLine, keyColumn, value)) != null) {
                throw giveUp();                     // duplicate keys: the parser reports them
            }
            if (!nextContentLine() || indent() < indent) {
                break;
            }
            if (indent() > indent || dashAhead()) {
                throw giveUp();
            }
        }
        return new MapNode(entries, mapLine, mapColumn);
    }

    /** The value after a block mapping's ':' (pos just after it). */
    private Node mappingValue(int indent, int colonLine, int colonColumn) {
        skipSpaces();
        if (atLineEnd() || (peek() == '#' && s.charAt(pos - 1) == ' ')) {
            endOfLine();
            int save = pos;
            int saveLine = line;
            int saveStart = lineStart;
            if (nextContentLine() && (indent() > indent || (indent() == indent && dashAhead()))) {
                return blockNode(indent());
            }
            pos = save;
            line = saveLine;
            lineStart = saveStart;
            return new ScalarNode(ScalarNode.Kind.NULL, "null", colonLine, colonColumn + 1);
        }
        Node value = inlineValue(indent);
        endOfLine();
        return value;
    }

    /**
     * A value that starts on the current line after a key or a dash. A plain scalar ends the line;
     * if the next content line is indented past {@code parent}, the scalar would go on there.
     */
    private Node inlineValue(int parent) {
        char c = peek();
        if (c == '[' || c == '{') {
            return flowNode(parent);
        }
        if (c == '"' || c == '\'') {
            return quoted();
        }
        int startLine = line;
        int startColumn = column();
        String text = plainEnd(false);
        pos = plainStop;
        skipSpaces();
        if (!atLineEnd() && peek() != '#') {
            throw giveUp();                         // "a: b: c" and the like
        }
        guardContinuation(parent);
        return plain(text, startLine, startColumn);
    }

    /** A plain scalar just read ends its line: the next content line must not be indented past {@code parent}. */
    private void guardContinuation(int parent) {
        int save = pos;
        int saveLine = line;
        int saveStart = lineStart;
        endOfLine();
        if (nextContentLine() && indent() > parent) {
            throw giveUp();
        }
        pos = save;
        line = saveLine;
        lineStart = saveStart;
    }

    private ListNode blockSequence(int indent) {
        List<Node> items = new ArrayList<>();
        int listLine = line;
        int listColumn = column();
        while (true) {
            pos++;                                  // the dash
            skipSpaces();
            if (atLineEnd() || peek() == '#') {
                throw giveUp();                     // an item on the lines below, or an empty one
            }
            if (dashAhead()) {
                throw giveUp();                     // "- - a"
            }
            int itemIndent = indent();
            Node item;
            if (keyAhead()) {
                item = blockMapping(itemIndent);    // consumes up to the first line not at itemIndent
                items.add(item);
                if (pos >= s.length() || !isContentStart()) {
                    break;
                }
            } else {
                item = inlineValue(indent);
                endOfLine();
                items.add(item);
                if (!nextContentLine()) {
                    break;
                }
            }
            if (indent() < indent) {
                break;
            }
            if (indent() > indent || !dashAhead()) {
                if (indent() == indent) {
                    break;                          // the mapping holding this sequence goes on
                }
                throw giveUp();
            }
        }
        return new ListNode(items, listLine, listColumn);
    }

    /** After blockMapping returned: whether pos is at the first character of a content line. */
    private boolean isContentStart() {
        for (int p = lineStart; p < pos; p++) {
            if (s.charAt(p) != ' ') {
                return false;
            }
        }
        return pos < s.length();
    }

    private String key() {
        char c = peek();
        if (c == '"' || c == '\'') {
            ScalarNode q = quoted();
            if (q.isNull()) {
                throw giveUp();                     // an empty key
            }
            return q.text();
        }
        int startLine = line;
        int startColumn = column();
        String text = plainEnd(false);
        pos = plainStop;
        ScalarNode k = plain(text, startLine, startColumn);
        if (k.kind() != ScalarNode.Kind.STRING) {
            throw giveUp();
        }
        return text;
    }

    // ---- flow context ----

    /** A flow collection at pos; {@code parent}: the enclosing block's indentation. */
    private Node flowNode(int parent) {
        boolean map = peek() == '{';
        int startLine = line;
        int startColumn = column();
        pos++;
        List<Node> items = new ArrayList<>();
        Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
        char close = map ? '}' : ']';
        boolean first = true;
        while (true) {
            skipFlowSpace(parent);
            if (peek() == close) {
                pos++;
                break;
            }
            if (!first) {
                if (peek() != ',') {
                    throw giveUp();
                }
                pos++;
                skipFlowSpace(parent);
                if (peek() == close) {
                    throw giveUp();                 // a trailing comma
                }
            }
            first = false;
            if (map) {
                int keyLine = line;
                int keyColumn = column();
                char c = peek();
                if (c == '[' || c == '{') {
                    throw giveUp();
                }
                String key = flowScalar(parent) instanceof ScalarNode k && k.kind() == ScalarNode.Kind.STRING
                    ? k.text() : null;
                if (key == null) {
                    throw giveUp();
                }
                if (peek() != ':') {
                    throw giveUp();                 // a key without a value, or ':' after a space
                }
                int colonLine = line;
                int colonColumn = column();
                pos++;
                if (!(peek() == ' ' || peek() == '\n' || peek() == ',' || peek() == '}')) {
                    throw giveUp();
                }
                skipFlowSpace(parent);
                Node value;
                if (peek() == ',' || peek() == '}') {
                    value = new ScalarNode(ScalarNode.Kind.NULL, "null", colonLine, colonColumn + 1);
                } else {
                    value = flowValue(parent);
                }
                if (entries.put(key, new MapNode.Entry(key, keyLine, keyColumn, value)) != null) {
                    throw giveUp();
                }
            } else {
                items.add(flowValue(parent));
                skipFlowSpace(parent);
                if (peek() == ':') {
                    throw giveUp();                 // "[a: b]": a pair in a sequence
                }
            }
        }
        return map ? new MapNode(entries, startLine, startColumn) : new ListNode(items, startLine, startColumn);
    }

    private Node flowValue(int parent) {
        char c = peek();
        if (c == '[' || c == '{') {
            return flowNode(parent);
        }
        return flowScalar(parent);
    }

    /** A scalar inside a flow collection; pos ends right after it (spaces before a ':' are not allowed). */
    private Node flowScalar(int parent) {
        char c = peek();
        if (c == '"' || c == '\'') {
            return quoted();
        }
        int startLine = line;
        int startColumn = column();
        String text = plainEnd(true);
        pos = plainStop;
        int after = pos;
        while (after < s.length() && s.charAt(after) == ' ') {
            after++;
        }
        if (after >= s.length() || s.charAt(after) == '\n') {
            throw giveUp();                         // a plain scalar in a flow collection may go on below
        }
        if (pos > 0 && s.charAt(pos - 1) == ' ' && peek() == ':') {
            throw giveUp();
        }
        return plain(text, startLine, startColumn);
    }

    /** Spaces, line breaks and comments between flow tokens; continuation lines must be indented past the block. */
    private void skipFlowSpace(int parent) {
        while (true) {
            int before = pos;
            skipSpaces();
            if (peek() == '#') {
                if (pos == before && pos > lineStart) {
                    throw giveUp();
                }
                int nl = s.indexOf('\n', pos);
                pos = nl < 0 ? s.length() : nl;
            }
            if (pos >= s.length()) {
                throw giveUp();                     // the collection never closes
            }
            if (s.charAt(pos) != '\n') {
                return;
            }
            pos++;
            line++;
            lineStart = pos;
            int p = pos;
            while (p < s.length() && s.charAt(p) == ' ') {
                p++;
            }
            if (p < s.length() && s.charAt(p) != '\n' && s.charAt(p) != '#' && p - lineStart <= parent) {
                throw giveUp();
            }
        }
    }

    // ---- scalars ----

    private int plainStop;

    /**
     * Reads a plain scalar from pos without moving: its text (trailing spaces trimmed), and in
     * {@link #plainStop} where it stops (a comment, a ':' ending a key, the line's end, or in a
     * flow collection one of ",[]{}").
     */
    private String plainEnd(boolean flow) {
        char first = peek();
        if ("-?:,[]{}#&*!|>'\"%@`".indexOf(first) >= 0 || first == ' ' || first == '\n') {
            throw giveUp();
        }
        int q = pos;
        while (q < s.length()) {
            char c = s.charAt(q);
            if (c == '\n') {
                break;
            }
            if (c == '#' && s.charAt(q - 1) == ' ') {
                break;
            }
            if (c == ':') {
                char next = q + 1 < s.length() ? s.charAt(q + 1) : '\n';
                if (next == ' ' || next == '\n' || (flow && ",[]{}".indexOf(next) >= 0)) {
                    break;
                }
                if (flow) {
                    throw giveUp();                 // where YAML versions split differently
                }
            }
            if (flow && (",[]{}".indexOf(c) >= 0)) {
                break;
            }
            if (flow && c == '?') {
                throw giveUp();
            }
            q++;
        }
        int end = q;
        while (end > pos && s.charAt(end - 1) == ' ') {
            end--;
        }
        plainStop = end;
        return s.substring(pos, end);
    }

    /** A one-line quoted scalar at pos; pos ends after the closing quote. */
    private ScalarNode quoted() {
        char quote = s.charAt(pos);
        int startLine = line;
        int startColumn = column();
        StringBuilder text = new StringBuilder();
        for (int q = pos + 1; q < s.length(); q++) {
            char c = s.charAt(q);
            if (c == '\n' || (c == '\\' && quote == '"')) {
                throw giveUp();                     // over several lines, or an escape
            }
            if (c == quote) {
                if (quote == '\'' && q + 1 < s.length() && s.charAt(q + 1) == '\'') {
                    text.append('\'');
                    q++;
                    continue;
                }
                pos = q + 1;
                char next = peek();
                if (!(next == ' ' || next == '\n' || next == ':' || next == ',' || next == ']' || next == '}')) {
                    throw giveUp();
                }
                // An empty string reaches the policy readers as null, as through the parser (TreeReader).
                return text.length() == 0
                    ? new ScalarNode(ScalarNode.Kind.NULL, "null", startLine, startColumn)
                    : new ScalarNode(ScalarNode.Kind.STRING, text.toString(), startLine, startColumn);
            }
            text.append(c);
        }
        throw giveUp();
    }

    /**
     * A plain scalar's node: "null" and "~" are null, "true" and "false" booleans, a plain decimal
     * integer an integer; anything else YAML 1.1 might type (other numbers, dates, yes/no/on/off,
     * ".inf", "=", "<<", case variants) is left to the parser; the rest are strings.
     */
    private static ScalarNode plain(String text, int line, int column) {
        if (text.equals("null") || text.equals("~")) {
            return new ScalarNode(ScalarNode.Kind.NULL, "null", line, column);
        }
        if (text.equals("true") || text.equals("false")) {
            return new ScalarNode(ScalarNode.Kind.BOOLEAN, text, line, column);
        }
        char c = text.charAt(0);
        if ((c >= '0' && c <= '9') || c == '+' || c == '.' || c == '=' || c == '<') {
            if (isDecimalInteger(text)) {
                return new ScalarNode(ScalarNode.Kind.INTEGER, text, line, column);
            }
            if (isCount(text)) {
                return new ScalarNode(ScalarNode.Kind.STRING, text, line, column);
            }
            throw giveUp();
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        switch (lower) {
            case "null": case "true": case "false": case "yes": case "no": case "on": case "off": case "y": case "n":
                throw giveUp();
            default:
                return new ScalarNode(ScalarNode.Kind.STRING, text, line, column);
        }
    }

    /**
     * Digits then letters, as durations are written ("30d", "15m", "1ms"): a string to YAML as long as
     * the letters cannot start an exponent or a radix ("1e5", "0x1f", "0b1", "0o7").
     */
    private static boolean isCount(String text) {
        int i = 0;
        if (text.charAt(0) < '1' || text.charAt(0) > '9') {
            return false;
        }
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i == text.length() || "eEoObBxX".indexOf(text.charAt(i)) >= 0) {
            return false;
        }
        for (int j = i; j < text.length(); j++) {
            char c = text.charAt(j);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDecimalInteger(String text) {
        if (text.equals("0")) {
            return true;
        }
        if (text.charAt(0) < '1' || text.charAt(0) > '9' || text.length() > 18) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
