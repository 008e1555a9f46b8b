package dev.cordon.agent.cli;

import java.io.PrintStream;

/**
 * The command line of {@code cordon-agent.jar} (spec section 10). Exit codes: 0 when fine, 1 when
 * the answer is negative (invalid policy, denied, tampered log), 2 on bad usage or an input file
 * that cannot be read.
 *
 * <p>{@link #run} takes its streams and returns the code instead of exiting, so it can be tested
 * and embedded; only {@link #main} exits.
 */
public final class Cli {
  public static final int OK = 0;
  public static final int NEGATIVE = 1;
  public static final int USAGE = 2;

  static final String USAGE_TEXT = String.join(System.lineSeparator(),
      "usage: java -jar cordon-agent.jar <command> ...",
      "",
      "commands:",
      "  validate <policy>                     check a cordon.yaml; prints file:line:col: problems",
      "  explain <policy> --principal P --action A --resource R",
      "                                        decide one request; for a denial, the smallest change",
      "                                        that would allow it",
      "  audit verify <audit-file>             check the audit log's hash chain",
      "  suggest <audit-file>                  print a starter cordon.yaml (monitor mode) allowing",
      "                                        exactly the calls the audit log recorded",
      "",
      "actions: model.chat model.embed model.fine_tune model.files dataset.read dataset.write",
      "         vector.query vector.write",
      "resources: model:<id>, model:<provider>/<name>, dataset:<id>, vector:<collection>",
      "",
      "exit: 0 fine, 1 negative answer (invalid policy, denied, tampered log),",
      "      2 bad usage or unreadable input");

  private Cli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) return usage(err, null);
    String command = args[0];
    if (isHelp(command) || command.equals("help")
        || (args.length > 1 && isHelp(args[1]))) {
      out.println(USAGE_TEXT);
      return OK;
    }
    try {
      switch (command) {
        case "validate":
          return ValidateCommand.run(args, 1, out, err);
        case "explain":
          return ExplainCommand.run(args, 1, out, err);
        case "audit":
          if (args.length < 2) throw new UsageException("missing audit subcommand (verify)");
          if (!args[1].equals("verify")) {
            throw new UsageException("unknown audit subcommand '" + args[1] + "' (known: verify)");
          }
          return AuditVerifyCommand.run(args, 2, out, err);
        case "suggest":
          return SuggestCommand.run(args, 1, out, err);
        default:
          throw new UsageException("unknown command '" + command + "'");
      }
    } catch (UsageException e) {
      return usage(err, e.getMessage());
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h");
  }

  private static int usage(PrintStream err, String problem) {
    if (problem != null) err.println("cordon: " + problem);
    err.println(USAGE_TEXT);
    return USAGE;
  }
}
