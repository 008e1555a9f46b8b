package dev.cordon.agent.config;

import dev.cordon.policy.Policy;
import dev.cordon.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The policy's {@code datasets:} section alone, parsed ahead of the whole policy: what a file open
 * needs to know before the application may start (is this path in a dataset at all?), in a
 * fraction of the time the rules take to parse. Every dataset access is still decided with the
 * whole policy, once it is in force; only opens outside every dataset go ahead without it.
 *
 * <p>Sound only if the section parsed here is the one the whole policy holds, so anything that
 * could make them differ returns null (the application then waits for the whole policy): a JSON
 * policy, no top-level {@code datasets:} line or more than one, a quoted or complex key spelling,
 * several YAML documents or directives, or a section that does not parse on its own (an alias to an
 * anchor outside it, for instance).
 */
public final class EarlyDatasets {
  private EarlyDatasets() {}

  private static final Pattern KEY = Pattern.compile("^datasets[ \\t]*:", Pattern.MULTILINE);
  /** Spellings of the same key, and document markers or directives, that this reader does not follow. */
  private static final Pattern AMBIGUOUS =
      Pattern.compile("^(?:[\"']datasets[\"'][ \\t]*:|\\?|---|\\.\\.\\.|%)", Pattern.MULTILINE);

  /** The datasets-only policy, or null when it cannot be told apart soundly. */
  public static Policy read(Path policy) {
    if (policy == null || policy.getFileName().toString().endsWith(".json")) return null;
    try {
      String text = new String(Files.readAllBytes(policy), StandardCharsets.UTF_8);
      String section = section(text);
      if (section == null) return null;
      // The mode is required but means nothing here: this policy only tells where datasets are.
      return PolicyLoader.parse("version: 1\nmode: monitor\n" + section, policy.toString(), false,
          policy.toAbsolutePath().getParent());
    } catch (Exception | LinkageError e) {
      return null;
    }
  }

  /**
   * From the {@code datasets:} line up to the next line that starts another top-level key: a line
   * whose first character is neither a space, a tab, a comment, nor a sequence dash (YAML lets a
   * block sequence sit at its key's own indentation).
   */
  static String section(String text) {
    if (text.indexOf('\r') >= 0 || AMBIGUOUS.matcher(text).find()) return null;
    var m = KEY.matcher(text);
    if (!m.find()) return null;
    int start = m.start();
    if (m.find()) return null;
    int end = text.length();
    int line = text.indexOf('\n', start);
    while (line >= 0 && line + 1 < text.length()) {
      char c = text.charAt(line + 1);
      if (c != ' ' && c != '\t' && c != '#' && c != '-' && c != '\n') {
        end = line + 1;
        break;
      }
      line = text.indexOf('\n', line + 1);
    }
    return text.substring(start, end);
  }
}
