package dev.cordon.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code suggest <audit-file>}: a starter {@code cordon.yaml} on stdout from the calls an audit log
 * recorded (typically a monitor-mode discovery run). Notes about the input go to stderr so that
 * {@code suggest log > cordon.yaml} gives a clean file.
 */
final class SuggestCommand {
  private SuggestCommand() {}

  static int run(String[] args, int from, PrintStream out, PrintStream err) throws UsageException {
    String file = Args.parse(args, from, Set.of()).positionals(1, "<audit-file>").get(0);
    StarterPolicy starter = new StarterPolicy();
    long notJson = 0;
    try (BufferedReader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) continue;
        ObservedCall call = ObservedCall.parse(line);
        if (call == null) notJson++;
        else starter.add(call);
      }
    } catch (IOException e) {
      err.println(InputError.describe(file, e));
      return Cli.USAGE;
    }
    if (notJson > 0) err.println("cordon: skipped " + notJson + " lines of " + file + " that are not JSON");
    starter.write(out, file);
    return Cli.OK;
  }
}
