package dev.cordon.agent.instrument;

import java.util.Set;

/**
 * The classes Cordon weaves, by internal name. The lazy transformer checks every loaded class
 * against this set with one cheap prefix test, and only a hit wakes Byte Buddy.
 */
final class Targets {
  private Targets() {}

  static final Set<String> STAINLESS_PREPARE = Set.of("com/openai/core/PrepareRequest", "com/anthropic/core/PrepareRequest");
  static final Set<String> STAINLESS_HTTP = Set.of("com/openai/core/http/RetryingHttpClient",
      "com/anthropic/core/http/RetryingHttpClient");

  static boolean isTarget(String internalName) {
    // Every target today lives under com/; the prefix test keeps the common path to two char compares.
    if (internalName.length() < 12 || internalName.charAt(0) != 'c' || internalName.charAt(3) != '/') return false;
    return STAINLESS_PREPARE.contains(internalName) || STAINLESS_HTTP.contains(internalName);
  }
}
