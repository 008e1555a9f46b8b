package dev.cordon.agent.cli;

import dev.cordon.policy.Decision;
import dev.cordon.policy.Limits;
import dev.cordon.policy.Mode;
import dev.cordon.policy.Policy;
import dev.cordon.policy.PolicyException;
import dev.cordon.policy.PolicyLoader;
import dev.cordon.policy.Problem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code explain <policy> --principal P --action A --resource R}: what the agent would decide for
 * that request, with the same engine, and for a denial the smallest policy change that would allow
 * it. Exit 0 when allowed, 1 when denied (also in monitor mode, where the call would only be
 * audited: the answer is still "the policy does not allow this").
 */
final class ExplainCommand {
  private ExplainCommand() {}

  static int run(String[] args, int from, PrintStream out, PrintStream err) throws UsageException {
    Args a = Args.parse(args, from, Set.of("principal", "action", "resource"));
    String file = a.positionals(1, "<policy>").get(0);
    String principal = a.required("principal");
    String action = a.required("action");
    String resource = a.required("resource");

    Policy policy;
    try {
      policy = PolicyLoader.load(Path.of(file));
    } catch (PolicyException e) {
      // An invalid policy decides nothing; the agent would fail closed with it.
      err.println("cordon: " + file + " is not a valid policy (the agent would deny every call"
          + " in enforce mode):");
      for (Problem p : e.problems()) err.println(p);
      return Cli.NEGATIVE;
    } catch (IOException e) {
      err.println(InputError.describe(file, e));
      return Cli.USAGE;
    }

    Decision d;
    try {
      d = policy.explain(principal, action, resource);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    print(d, out);
    return d.allowed() ? Cli.OK : Cli.NEGATIVE;
  }

  private static void print(Decision d, PrintStream out) {
    out.println(d.allowed() ? "ALLOW" : "DENY");
    row(out, "principal", d.principal());
    row(out, "action", d.action().wireName());
    row(out, "resource", d.resourceId());
    row(out, "rule", d.ruleId() == null ? "no rule allows" : d.ruleId());
    row(out, "mode", mode(d));
    if (d.allowed()) {
      row(out, "limits", limits(d.limits()));
      row(out, "redact", redactions(d));
      if (!d.masks().isEmpty()) row(out, "masks", masks(d.masks()));
      if (d.credentialId() != null) row(out, "credential", d.credentialId());
    }
    row(out, "why", d.explanation());
  }

  private static String mode(Decision d) {
    if (d.mode() == Mode.ENFORCE) return "enforce";
    return d.allowed()
        ? "monitor (nothing is redacted or limited; the audit says what enforce would do)"
        : "monitor (not blocked; audited as would_block)";
  }

  static String limits(Limits l) {
    if (l.isNone()) return "none";
    List<String> parts = new ArrayList<>();
    if (l.maxOutputTokens() >= 0) parts.add("max_output_tokens " + l.maxOutputTokens());
    if (l.tools() != null) {
      parts.add(l.tools().isEmpty() ? "tools none" : "tools " + String.join(", ", l.tools()));
    }
    if (l.stream() != null) parts.add(l.stream() ? "stream allowed" : "no streaming");
    if (l.maxRows() >= 0) parts.add("max_rows " + l.maxRows());
    if (l.maxEpochs() >= 0) parts.add("n_epochs " + l.maxEpochs());
    return String.join("; ", parts);
  }

  private static String redactions(Decision d) {
    List<String> parts = new ArrayList<>();
    if (!d.promptRedactions().isEmpty()) {
      parts.add("prompt " + String.join(", ", d.promptRedactions()));
    }
    if (!d.outputRedactions().isEmpty()) {
      parts.add("output " + String.join(", ", d.outputRedactions()));
    }
    return parts.isEmpty() ? "none" : String.join("; ", parts);
  }

  private static String masks(Map<String, String> masks) {
    List<String> parts = new ArrayList<>();
    masks.forEach((column, how) -> parts.add(column + " " + how));
    return String.join(", ", parts);
  }

  private static void row(PrintStream out, String name, String value) {
    out.printf("  %-11s %s%n", name + ":", value);
  }
}
