package dev.cordon.redact;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A custom pattern, run by RE2/J: automata simulation, linear in the input for every pattern it
 * accepts. What it cannot run that way (backreferences, lookahead and lookbehind, possessive and
 * atomic groups) it refuses to compile, and so does {@link #check}: such a pattern is a policy
 * validation error, never a slow path. The syntax is RE2's (close to java.util.regex otherwise;
 * see docs/redaction.md).
 */
public final class SafePattern {
  private final Pattern pattern;

  private SafePattern(Pattern pattern) {
    this.pattern = pattern;
  }

  /** @throws IllegalArgumentException with a message fit for a validation error */
  public static SafePattern compile(String regex) {
    String problem = check(regex);
    if (problem != null) throw new IllegalArgumentException(problem);
    return new SafePattern(Pattern.compile(regex));
  }

  /** Null when the pattern is usable; otherwise why not, in words for the policy's author. */
  public static String check(String regex) {
    Pattern p;
    try {
      p = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      if (nonLinearSyntax(regex)) {
        return "uses a construct that cannot run in linear time (backreference, lookahead/lookbehind, "
            + "atomic or possessive group); Cordon runs custom patterns on a linear-time engine (RE2 syntax)";
      }
      String m = String.valueOf(e.getMessage());
      return "malformed regex: " + (m.startsWith("error parsing regexp: ") ? m.substring(22) : m);
    } catch (RuntimeException e) {
      return "malformed regex: " + e.getMessage();
    }
    if (p.matcher("").matches()) return "matches the empty string";
    return null;
  }

  private static boolean nonLinearSyntax(String regex) {
    return regex.contains("(?=") || regex.contains("(?!") || regex.contains("(?<=") || regex.contains("(?<!")
        || regex.contains("(?>") || regex.matches("(?s).*\\\\[1-9].*") || regex.matches("(?s).*\\\\k<.*")
        || regex.matches("(?s).*[*+?}]\\+.*");
  }

  /** Whether the whole of {@code text} matches. */
  public boolean matchesWhole(String text) {
    return pattern.matches(text);
  }

  void scan(String s, int from, int to, int type, Findings found) {
    Matcher m = pattern.matcher(from == 0 && to == s.length() ? s : s.subSequence(from, to));
    while (m.find()) {
      if (m.end() > m.start()) found.merge(from + m.start(), from + m.end(), type);
    }
  }

  @Override
  public String toString() {
    return pattern.pattern();
  }
}
