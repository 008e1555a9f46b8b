package dev.cordon.policy.tree;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a located {@link Node} tree with Jackson's streaming parser (SnakeYAML underneath for YAML).
 * Jackson's data binding is deliberately not used: it loses the positions we need for every problem.
 * Kept apart from {@link TreeReader} so that a policy {@link PlainYaml} reads loads none of it.
 */
final class JacksonTree {
    /** Created on the first read that needs the parser, not when this class loads. */
    private static final class Factories {
        static final JsonFactory JSON = JsonFactory.builder().build();
        static final YAMLFactory YAML = YAMLFactory.builder().build();
    }

    private final List<TreeReader.Issue> issues = new ArrayList<>();

    private JacksonTree() { }

    static TreeReader.Result read(String text, boolean json) {
        JacksonTree r = new JacksonTree();
        Node root = null;
        try (JsonParser p = (json ? Factories.JSON : Factories.YAML).createParser(text)) {
            root = r.readDocument(p, json);
        } catch (JsonProcessingException e) {
            r.syntax(e);
            root = null;
        } catch (IOException e) {
            r.issues.add(new TreeReader.Issue(1, 1, "cannot read the policy: " + e.getMessage()));
            root = null;
        } catch (RuntimeException e) {
            // SnakeYAML reports some malformed input (bad escapes, tabs) as runtime exceptions.
            r.issues.add(new TreeReader.Issue(1, 1, "syntax error: " + firstLine(e.getMessage())));
            root = null;
        }
        return new TreeReader.Result(root, r.issues);
    }

    private Node readDocument(JsonParser p, boolean json) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            issues.add(new TreeReader.Issue(1, 1, "the policy is empty: it needs at least 'version: 1' and 'mode'"));
            return null;
        }
        Node root = readValue(p, t);
        JsonToken extra = p.nextToken();
        if (extra != null) {
            JsonLocation at = p.currentTokenLocation();
            issues.add(new TreeReader.Issue(line(at), column(at), json
                ? "unexpected content after the end of the policy object"
                : "only one YAML document is allowed in a policy file"));
        }
        return root;
    }

    private Node readValue(JsonParser p, JsonToken t) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        int line = line(at);
        int column = column(at);
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            // Jackson hands an alias over as its name; silently reading "*x" as "x" would be wrong.
            issues.add(new TreeReader.Issue(line, column, "YAML aliases (*name) are not supported in a policy"));
            return new ScalarNode(ScalarNode.Kind.NULL, "null", line, column);
        }
        switch (t) {
            case START_OBJECT: return readMap(p, line, column);
            case START_ARRAY: return readList(p, line, column);
            case VALUE_STRING:
                // YAML's "key:" with nothing after it reaches us as an empty string; it means null.
                if (p instanceof YAMLParser && p.getText().isEmpty()) {
                    return new ScalarNode(ScalarNode.Kind.NULL, "null", line, column);
                }
                return new ScalarNode(ScalarNode.Kind.STRING, p.getText(), line, column);
            case VALUE_NUMBER_INT: return new ScalarNode(ScalarNode.Kind.INTEGER, p.getText(), line, column);
            case VALUE_NUMBER_FLOAT: return new ScalarNode(ScalarNode.Kind.DECIMAL, p.getText(), line, column);
            // Keep the text as written: YAML 1.1 reads "yes"/"on" as booleans, and a string
            // field given such a value should still see "yes", not "true".
            case VALUE_TRUE: return new ScalarNode(ScalarNode.Kind.BOOLEAN, p.getText(), line, column);
            case VALUE_FALSE: return new ScalarNode(ScalarNode.Kind.BOOLEAN, p.getText(), line, column);
            case VALUE_NULL: return new ScalarNode(ScalarNode.Kind.NULL, "null", line, column);
            default:
                // e.g. a YAML !!binary value: nothing in a policy is binary.
                issues.add(new TreeReader.Issue(line, column, "unsupported value"));
                return new ScalarNode(ScalarNode.Kind.NULL, "null", line, column);
        }
    }

    private MapNode readMap(JsonParser p, int line, int column) throws IOException {
        Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            JsonLocation at = p.currentTokenLocation();
            String key = p.currentName();
            Node value = readValue(p, p.nextToken());
            if (entries.containsKey(key)) {
                issues.add(new TreeReader.Issue(line(at), column(at), "duplicate key '" + key + "'"));
            } else {
                entries.put(key, new MapNode.Entry(key, line(at), column(at), value));
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IllegalStateException("unexpected token " + t);
        }
        return new MapNode(entries, line, column);
    }

    private ListNode readList(JsonParser p, int line, int column) throws IOException {
        List<Node> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new IllegalStateException("unexpected end of input");
            }
            items.add(readValue(p, t));
        }
        return new ListNode(items, line, column);
    }

    private void syntax(JsonProcessingException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                // SnakeYAML's own problem and mark are more precise than Jackson's context.
                String what = m.getProblem() == null ? m.getContext() : m.getProblem();
                issues.add(new TreeReader.Issue(m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1,
                    "syntax error: " + firstLine(what)));
                return;
            }
        }
        JsonLocation at = e.getLocation();
        int line = at == null ? 1 : line(at);
        int column = at == null ? 1 : column(at);
        issues.add(new TreeReader.Issue(line, column, "syntax error: " + firstLine(e.getOriginalMessage())));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed input";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    private static int line(JsonLocation at) {
        return Math.max(1, at.getLineNr());
    }

    private static int column(JsonLocation at) {
        return Math.max(1, at.getColumnNr());
    }
}
