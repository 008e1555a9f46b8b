package dev.cordon.agent.config;

import java.util.Locale;

/**
 * Settings that can come from outside the policy: the agent argument
 * ({@code -javaagent:cordon-agent.jar=policy=/etc/cordon.yaml,mode=monitor}), a system property
 * ({@code cordon.policy}, {@code cordon.mode}, {@code cordon.fail}) or an environment variable
 * ({@code CORDON_POLICY}, {@code CORDON_MODE}, {@code CORDON_FAIL}), first found wins (spec 1).
 */
public record AgentOptions(String policy, String mode, String modeSource, String fail) {

  public static AgentOptions from(String agentArgs) {
    String argPolicy = null;
    String argMode = null;
    String argFail = null;
    if (agentArgs != null) {
      for (String part : agentArgs.split(",")) {
        int eq = part.indexOf('=');
        if (eq <= 0) continue;
        String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = part.substring(eq + 1).trim();
        switch (key) {
          case "policy" -> argPolicy = value;
          case "mode" -> argMode = value;
          case "fail" -> argFail = value;
          default -> System.err.println("[cordon] ignoring unknown agent option '" + key + "'");
        }
      }
    }
    String policy = first(argPolicy, System.getProperty("cordon.policy"), System.getenv("CORDON_POLICY"));
    String mode;
    String modeSource;
    if (notBlank(argMode)) {
      mode = argMode;
      modeSource = "agent argument";
    } else if (notBlank(System.getProperty("cordon.mode"))) {
      mode = System.getProperty("cordon.mode");
      modeSource = "system property cordon.mode";
    } else if (notBlank(System.getenv("CORDON_MODE"))) {
      mode = System.getenv("CORDON_MODE");
      modeSource = "environment CORDON_MODE";
    } else {
      mode = null;
      modeSource = null;
    }
    String fail = first(argFail, System.getProperty("cordon.fail"), System.getenv("CORDON_FAIL"));
    return new AgentOptions(policy, mode, modeSource, fail);
  }

  private static String first(String... values) {
    for (String v : values) if (notBlank(v)) return v.trim();
    return null;
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
