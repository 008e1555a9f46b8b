package dev.cordon.agent.cli;

import dev.cordon.agent.audit.AuditVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/** {@code audit verify <file>}: exit 0 when the hash chain is intact, 1 naming the first broken line. */
final class AuditVerifyCommand {
  private AuditVerifyCommand() {}

  static int run(String[] args, int from, PrintStream out, PrintStream err) throws UsageException {
    String file = Args.parse(args, from, Set.of()).positionals(1, "<audit-file>").get(0);
    AuditVerifier.Result r;
    try {
      r = AuditVerifier.verify(Path.of(file));
    } catch (IOException e) {
      err.println(InputError.describe(file, e));
      return Cli.USAGE;
    }
    out.println(r.message());
    return r.ok() ? Cli.OK : Cli.NEGATIVE;
  }
}
