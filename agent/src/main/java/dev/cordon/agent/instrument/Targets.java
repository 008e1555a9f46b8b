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

  static final String JDK_HTTP_CLIENT = "jdk/internal/net/http/HttpClientImpl";
  static final String URL_CONNECTION = "sun/net/www/protocol/http/HttpURLConnection";
  static final Set<String> OKHTTP = Set.of("okhttp3/internal/connection/RealCall", "okhttp3/internal/http/RealInterceptorChain");

  static boolean isTarget(String internalName) {
    // A switch on the first character and one fixed character keeps the common path (every class
    // load) to two char compares; only then is a set consulted.
    if (internalName.length() < 12) return false;
    return switch (internalName.charAt(0)) {
      case 'c' -> internalName.charAt(3) == '/'
          && (STAINLESS_PREPARE.contains(internalName) || STAINLESS_HTTP.contains(internalName));
      case 'j' -> internalName.charAt(3) == '/' && internalName.equals(JDK_HTTP_CLIENT);
      case 'o' -> internalName.charAt(7) == '/' && OKHTTP.contains(internalName);
      case 's' -> internalName.charAt(3) == '/' && internalName.equals(URL_CONNECTION);
      default -> false;
    };
  }
}
