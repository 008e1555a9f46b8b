package dev.cordon.agent.cli;

import dev.cordon.policy.Policy;
import dev.cordon.policy.PolicyException;
import dev.cordon.policy.PolicyLoader;
import dev.cordon.policy.Problem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code validate <policy>}: the same loader the agent uses, so what passes here is what the agent
 * will accept. Problems are the answer, so they go to stdout in the {@code file:line:col: message}
 * form editors and CI annotate.
 */
final class ValidateCommand {
  private ValidateCommand() {}

  static int run(String[] args, int from, PrintStream out, PrintStream err) throws UsageException {
    String file = Args.parse(args, from, Set.of()).positionals(1, "<policy>").get(0);
    Policy policy;
    try {
      policy = PolicyLoader.load(Path.of(file));
    } catch (PolicyException e) {
      for (Problem p : e.problems()) out.println(p);
      return Cli.NEGATIVE;
    } catch (IOException e) {
      err.println(InputError.describe(file, e));
      return Cli.USAGE;
    }
    out.println("OK: " + file + " (" + policy.principals().size() + " principals, "
        + policy.models().size() + " models, " + policy.datasets().size() + " datasets, "
        + policy.rules().size() + " rules)");
    return Cli.OK;
  }
}
