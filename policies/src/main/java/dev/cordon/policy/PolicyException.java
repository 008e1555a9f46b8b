package dev.cordon.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy that does not parse or validate; carries every problem found, not just the first. */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<Problem> problems;

    public PolicyException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** In file order. */
    public List<Problem> problems() {
        return problems;
    }
}
