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
    // The text as an array: in a JVM that has compiled nothing yet (where this runs) String.charAt
    // costs three interpreted calls per character, an array read one bytecode.
    private final char[] buf;
    private final int n;
    private int pos;                // the next character to read
    private int line = 1;           // 1-based line of pos
    private int lineStart;          // index where that line starts
    private int depth;              // collections open around pos

    /**
     * Deeper than this, the parser reads the file (SnakeYAML refuses nesting past 50 with a clear
     * error); a hostile policy nested thousands deep must not overflow this reader's stack.
     */
    private static final int MAX_DEPTH = 40;

    private PlainYaml(String s) {
        this.s = s;
        this.buf = s.toCharArray();
        this.n = buf.length;
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
        PlainYaml r = new PlainYaml(text);
        char[] b = r.buf;
        for (int i = 0; i < b.length; i++) {
            char c = b[i];
            if (c < 0x20 ? c != '\n' : c >= 0x7f && (c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029'
                || c == '\uFEFF' || (c >= '\uD800' && c <= '\uDFFF'))) {
                return null;        // tabs, CR, NEL, LS, PS, BOM, control characters, surrogates
            }
        }
        try {
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
            while (p < n && buf[p] == ' ') {
                p++;
            }
            if (p < n && buf[p] != '\n' && buf[p] != '#') {
                if (p == lineStart && (s.startsWith("---", p) || s.startsWith("...", p) || buf[p] == '%')) {
                    throw giveUp();                 // documents and directives
                }
                pos = p;
                return true;
            }
            int nl = lineEnd(p);
            if (nl < 0) {
                pos = n;
                return false;
            }
            pos = nl + 1;
            line++;
            lineStart = pos;
        }
    }

    /** The index of the next '\n' from p, or -1. */
    private int lineEnd(int p) {
        for (int i = p; i < n; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** At a content line's first character: its indentation. */
    private int indent() {
        return pos - lineStart;
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private boolean atLineEnd() {
        return pos >= n || buf[pos] == '\n';
    }

    private void skipSpaces() {
        while (pos < n && buf[pos] == ' ') {
            pos++;
        }
    }

    /** After a value: only spaces and a comment may follow on the line. */
    private void endOfLine() {
        skipSpaces();
        if (atLineEnd()) {
            return;
        }
        if (buf[pos] == '#' && pos > lineStart && buf[pos - 1] == ' ') {
            int nl = lineEnd(pos);
            pos = nl < 0 ? n : nl;
            return;
        }
        throw giveUp();
    }

    private char peek() {
        return pos < n ? buf[pos] : '\n';
    }

    private char peek(int ahead) {
        return pos + ahead < n ? buf[pos + ahead] : '\n';
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
        enter();
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
        depth--;
        return new MapNode(entries, mapLine, mapColumn);
    }

    /** The value after a block mapping's ':' (pos just after it). */
    private Node mappingValue(int indent, int colonLine, int colonColumn) {
        skipSpaces();
        if (atLineEnd() || (peek() == '#' && buf[pos - 1] == ' ')) {
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
        enter();
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
                if (pos >= n || !isContentStart()) {
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
        depth--;
        return new ListNode(items, listLine, listColumn);
    }

    /** After blockMapping returned: whether pos is at the first character of a content line. */
    private boolean isContentStart() {
        for (int p = lineStart; p < pos; p++) {
            if (buf[p] != ' ') {
                return false;
            }
        }
        return pos < n;
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
        enter();
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
        depth--;
        return map ? new MapNode(entries, startLine, startColumn) : new ListNode(items, startLine, startColumn);
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw giveUp();
        }
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
        while (after < n && buf[after] == ' ') {
            after++;
        }
        if (after >= n || buf[after] == '\n') {
            throw giveUp();                         // a plain scalar in a flow collection may go on below
        }
        if (pos > 0 && buf[pos - 1] == ' ' && peek() == ':') {
            throw giveUp();
        }
        return plain(text, startLine, startColumn);
    }

    /** Spaces, line breaks and comments between flow tokens; continuation lines are indented past the block. */
    private void skipFlowSpace(int parent) {
        while (true) {
            int before = pos;
            skipSpaces();
            if (peek() == '#') {
                if (pos == before && pos > lineStart) {
                    throw giveUp();
                }
                int nl = lineEnd(pos);
                pos = nl < 0 ? n : nl;
            }
            if (pos >= n) {
                throw giveUp();                     // the collection never closes
            }
            if (buf[pos] != '\n') {
                return;
            }
            pos++;
            line++;
            lineStart = pos;
            int p = pos;
            while (p < n && buf[p] == ' ') {
                p++;
            }
            // Past the block's indentation; a closing bracket may stand at it (the parser allows that).
            int at = p - lineStart;
            if (p < n && buf[p] != '\n' && buf[p] != '#'
                && (at < parent || (at == parent && buf[p] != ']' && buf[p] != '}'))) {
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
        if (first < 128 && (CANNOT_START[first] || first == ' ' || first == '\n')) {
            throw giveUp();
        }
        int q = pos;
        while (q < n) {
            char c = buf[q];
            // One table read for the common character; the few that matter are looked at one by one.
            if (c < 128 && STOPS[c]) {
                if (c == '\n' || (c == '#' && buf[q - 1] == ' ')) {
                    break;
                }
                if (c == ':') {
                    char next = q + 1 < n ? buf[q + 1] : '\n';
                    if (next == ' ' || next == '\n' || (flow && next < 128 && FLOW[next])) {
                        break;
                    }
                    if (flow) {
                        throw giveUp();             // where YAML versions split differently
                    }
                } else if (flow && FLOW[c]) {
                    break;
                } else if (flow && c == '?') {
                    throw giveUp();
                }
            }
            q++;
        }
        int end = q;
        while (end > pos && buf[end - 1] == ' ') {
            end--;
        }
        plainStop = end;
        return s.substring(pos, end);
    }

    /** Characters a plain scalar cannot start with (YAML indicators). */
    private static final boolean[] CANNOT_START = table("-?:,[]{}#&*!|>'\"%@`");
    /** Characters that may end a plain scalar, or make this reader give up. */
    private static final boolean[] STOPS = table("\n#:,[]{}?");
    /** Flow indicators. */
    private static final boolean[] FLOW = table(",[]{}");

    private static boolean[] table(String chars) {
        boolean[] t = new boolean[128];
        for (int i = 0; i < chars.length(); i++) {
            t[chars.charAt(i)] = true;
        }
        return t;
    }

    /** A one-line quoted scalar at pos; pos ends after the closing quote. */
    private ScalarNode quoted() {
        char quote = buf[pos];
        int startLine = line;
        int startColumn = column();
        int from = pos + 1;
        boolean doubled = false;                    // '' inside a single-quoted scalar
        for (int q = from; q < n; q++) {
            char c = buf[q];
            if (c == '\n' || (c == '\\' && quote == '"')) {
                throw giveUp();                     // over several lines, or an escape
            }
            if (c == quote) {
                if (quote == '\'' && q + 1 < n && buf[q + 1] == '\'') {
                    doubled = true;
                    q++;
                    continue;
                }
                pos = q + 1;
                char next = peek();
                if (!(next == ' ' || next == '\n' || next == ':' || next == ',' || next == ']' || next == '}')) {
                    throw giveUp();
                }
                String text = s.substring(from, q);
                if (doubled) {
                    text = text.replace("''", "'");
                }
                // An empty string reaches the policy readers as null, as through the parser (TreeReader).
                return text.isEmpty()
                    ? new ScalarNode(ScalarNode.Kind.NULL, "null", startLine, startColumn)
                    : new ScalarNode(ScalarNode.Kind.STRING, text, startLine, startColumn);
            }
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
        if (text.length() > 5) {
            return new ScalarNode(ScalarNode.Kind.STRING, text, line, column);  // longer than every word below
        }
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
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
