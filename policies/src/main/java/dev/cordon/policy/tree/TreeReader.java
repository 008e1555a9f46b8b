package dev.cordon.policy.tree;

import java.util.List;

/**
 * Reads a policy's text into a located {@link Node} tree: plain YAML without a parser
 * ({@link PlainYaml}), everything else, JSON and every problem with Jackson ({@link JacksonTree}).
 */
public final class TreeReader {
    /** A problem found while reading: syntax, duplicate key. */
    public record Issue(int line, int column, String message) { }

    /** The root (null when the text could not be read) and every issue met. */
    public record Result(Node root, List<Issue> issues) { }

    private TreeReader() { }

    public static Result read(String text, boolean json) {
        // Most policies are plain YAML, read without loading the parser at all (see PlainYaml).
        Node plain = json ? null : PlainYaml.read(text);
        if (plain != null) {
            return new Result(plain, List.of());
        }
        return readWithParser(text, json);
    }

    /** Always with Jackson (and SnakeYAML for YAML): what {@link PlainYaml} must agree with. */
    public static Result readWithParser(String text, boolean json) {
        return JacksonTree.read(text, json);
    }
}
