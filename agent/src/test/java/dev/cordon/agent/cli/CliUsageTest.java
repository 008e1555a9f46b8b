package dev.cordon.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help and bad usage: exit 0 with usage on stdout, or exit 2 with usage on stderr. */
class CliUsageTest {
  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h", "help"})
  void helpGoesToStdoutWithExitZero(String flag) {
    CliRun r = CliRun.of(flag);
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("usage: java -jar cordon-agent.jar"), r.toString());
    assertEquals("", r.err());
  }

  @Test
  void commandHelp() {
    CliRun r = CliRun.of("explain", "--help");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("--principal P --action A --resource R"));
  }

  @Test
  void noArguments() {
    CliRun r = CliRun.of();
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("usage: "), r.toString());
  }

  @Test
  void unknownCommand() {
    CliRun r = CliRun.of("frobnicate", "x");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("cordon: unknown command 'frobnicate'"), r.toString());
    assertTrue(r.err().contains("usage: "));
  }

  @Test
  void missingArguments() {
    assertUsage(CliRun.of("validate"), "cordon: missing <policy>");
    assertUsage(CliRun.of("suggest"), "cordon: missing <audit-file>");
    assertUsage(CliRun.of("audit"), "cordon: missing audit subcommand (verify)");
    assertUsage(CliRun.of("audit", "verify"), "cordon: missing <audit-file>");
    assertUsage(CliRun.of("audit", "check", "x"), "cordon: unknown audit subcommand 'check' (known: verify)");
    assertUsage(CliRun.of("validate", "a.yaml", "b.yaml"), "cordon: unexpected argument 'b.yaml'");
    assertUsage(CliRun.of("validate", "--strict", "a.yaml"), "cordon: unknown option --strict");
  }

  private static void assertUsage(CliRun r, String firstLine) {
    assertEquals(2, r.code(), r.toString());
    assertEquals(firstLine, r.err().lines().findFirst().orElse(""), r.toString());
    assertTrue(r.err().contains("usage: "), r.toString());
  }
}
