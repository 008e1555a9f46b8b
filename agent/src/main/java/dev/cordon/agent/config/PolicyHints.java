package dev.cordon.agent.config;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What {@code premain} can tell about a policy before it is parsed (parsing costs ~0.2 s and runs
 * off the main thread): whether it mentions a {@code files:} or {@code jdbc:} key. A text scan, so
 * it may say yes for a policy that turns out to have neither (then the agent only waited for the
 * parse); it never says no for one that has them, which is what matters: hooks on file opens that
 * must be in place before the application's first line runs.
 *
 * <p>A character loop, not a regular expression, and {@code FileInputStream}, not NIO: this runs on
 * the main thread of a JVM that has compiled nothing yet, where a multi-line pattern over a 20 KB
 * policy cost ~15 ms in the interpreter.
 */
public record PolicyHints(boolean files, boolean jdbc) {
  public static final PolicyHints NONE = new PolicyHints(false, false);

  private static final long MAX_SCAN = 4 * 1024 * 1024;

  public static PolicyHints of(Path policy) {
    if (policy == null) return NONE;
    try {
      File file = policy.toFile();
      if (file.length() > MAX_SCAN) return new PolicyHints(true, true);
      String text;
      try (InputStream in = new FileInputStream(file)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return new PolicyHints(hasKey(text, "files"), hasKey(text, "jdbc"));
    } catch (Exception e) {
      return NONE; // unreadable: the agent reports it as a broken policy later
    }
  }

  /**
   * A key, bare (YAML) or quoted (JSON): the name after the start, a space, '{', ',' or a quote, then
   * optionally a quote, spaces and a colon ("model.files" in an action list has none).
   */
  static boolean hasKey(String text, String name) {
    for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      if (at > 0) {
        char before = text.charAt(at - 1);
        if (!Character.isWhitespace(before) && before != '{' && before != ',' && before != '"' && before != '\'') continue;
      }
      int p = at + name.length();
      if (p < text.length() && (text.charAt(p) == '"' || text.charAt(p) == '\'')) p++;
      while (p < text.length() && Character.isWhitespace(text.charAt(p))) p++;
      if (p < text.length() && text.charAt(p) == ':') return true;
    }
    return false;
  }
}
