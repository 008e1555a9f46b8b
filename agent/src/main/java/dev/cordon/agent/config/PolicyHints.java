package dev.cordon.agent.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What {@code premain} can tell about a policy before it is parsed (parsing costs ~0.2 s and runs
 * off the main thread): whether it mentions a {@code files:} or {@code jdbc:} key. A text scan, so
 * it may say yes for a policy that turns out to have neither (then the agent only waited for the
 * parse); it never says no for one that has them, which is what matters: hooks on file opens that
 * must be in place before the application's first line runs.
 */
public record PolicyHints(boolean files, boolean jdbc) {
  public static final PolicyHints NONE = new PolicyHints(false, false);

  private static final long MAX_SCAN = 4 * 1024 * 1024;
  // A key, bare (YAML) or quoted (JSON), followed by a colon; "model.files" in an action list has none.
  private static final Pattern FILES = Pattern.compile("(?:^|[\\s{,\"'])files[\"']?\\s*:", Pattern.MULTILINE);
  private static final Pattern JDBC = Pattern.compile("(?:^|[\\s{,\"'])jdbc[\"']?\\s*:", Pattern.MULTILINE);

  public static PolicyHints of(Path policy) {
    if (policy == null) return NONE;
    try {
      if (Files.size(policy) > MAX_SCAN) return new PolicyHints(true, true);
      String text = new String(Files.readAllBytes(policy), StandardCharsets.UTF_8);
      return new PolicyHints(FILES.matcher(text).find(), JDBC.matcher(text).find());
    } catch (Exception e) {
      return NONE; // unreadable: the agent reports it as a broken policy later
    }
  }
}
