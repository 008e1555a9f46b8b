package dev.cordon.agent.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: positionals and {@code --name value} / {@code --name=value} options. The
 * CLI is small enough that a parser library would cost more (agent jar size, class loading in the
 * application's JVM) than these few lines.
 */
final class Args {
  private final List<String> positionals;
  private final Map<String, String> options;

  private Args(List<String> positionals, Map<String, String> options) {
    this.positionals = positionals;
    this.options = options;
  }

  /**
   * Parses {@code args[from..]}; {@code valueOptions} are the option names (without dashes) the
   * command accepts. {@code --} ends the options, so a file named {@code --x} can still be given.
   */
  static Args parse(String[] args, int from, Set<String> valueOptions) throws UsageException {
    List<String> positionals = new ArrayList<>();
    Map<String, String> options = new HashMap<>();
    boolean optionsEnded = false;
    for (int i = from; i < args.length; i++) {
      String a = args[i];
      if (optionsEnded || !a.startsWith("--") || a.equals("-")) {
        positionals.add(a);
        continue;
      }
      if (a.equals("--")) {
        optionsEnded = true;
        continue;
      }
      String name = a.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!valueOptions.contains(name)) throw new UsageException("unknown option --" + name);
      if (value == null) {
        if (i + 1 >= args.length) throw new UsageException("--" + name + " needs a value");
        value = args[++i];
      }
      if (options.putIfAbsent(name, value) != null) {
        throw new UsageException("--" + name + " is given twice");
      }
    }
    return new Args(positionals, options);
  }

  /** Exactly {@code n} positionals, named in the message when they are not. */
  List<String> positionals(int n, String names) throws UsageException {
    if (positionals.size() < n) throw new UsageException("missing " + names);
    if (positionals.size() > n) {
      throw new UsageException("unexpected argument '" + positionals.get(n) + "'");
    }
    return positionals;
  }

  String required(String option) throws UsageException {
    String v = options.get(option);
    if (v == null || v.isEmpty()) throw new UsageException("missing --" + option);
    return v;
  }
}
