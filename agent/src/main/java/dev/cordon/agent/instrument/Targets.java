package dev.cordon.agent.instrument;

import java.util.Set;

/**
 * The classes Cordon weaves, by internal name. The lazy transformer checks every loaded class
 * against these with a first-character switch and a few prefix or set tests, and only a hit wakes
 * Byte Buddy (which then applies the modules' exact matchers).
 */
final class Targets {
  private Targets() {}

  static final Set<String> STAINLESS_PREPARE = Set.of("com/openai/core/PrepareRequest", "com/anthropic/core/PrepareRequest");
  static final Set<String> STAINLESS_HTTP = Set.of("com/openai/core/http/RetryingHttpClient",
      "com/anthropic/core/http/RetryingHttpClient");

  /** LangChain4j's HTTP client implementations live under this package (Byte Buddy checks the interface). */
  static final String LC4J_HTTP_PACKAGE = "dev.langchain4j.http.client.";
  private static final String LC4J_HTTP_PREFIX = "dev/langchain4j/http/client/";
  static final String LC4J_RETRY_POLICY = "dev/langchain4j/internal/RetryUtils$RetryPolicy";

  static final Set<String> GOOGLE_GENAI = Set.of("com/google/genai/ApiClient", "com/google/genai/HttpApiClient",
      "com/google/genai/HttpApiResponse");

  static final String SPRING_AI_OPENAI_API = "org/springframework/ai/openai/api/OpenAiApi";

  static final String AWS_INTERCEPTOR_CHAIN = "software/amazon/awssdk/core/interceptor/ExecutionInterceptorChain";
  static final Set<String> BEDROCK_CLIENTS = Set.of(
      "software/amazon/awssdk/services/bedrockruntime/DefaultBedrockRuntimeClient",
      "software/amazon/awssdk/services/bedrockruntime/DefaultBedrockRuntimeAsyncClient");

  static final Set<String> SERVLETS = Set.of("javax/servlet/http/HttpServlet", "jakarta/servlet/http/HttpServlet");
  static final Set<String> EXECUTORS = Set.of("java/util/concurrent/ThreadPoolExecutor", "java/util/concurrent/ForkJoinPool",
      "java/util/concurrent/CompletableFuture$ThreadPerTaskExecutor");

  /** Set once a servlet container is present and the policy reads headers (see {@link JdkExecutors}). */
  static volatile boolean executorsEnabled;

  static boolean isTarget(String internalName) {
    if (internalName.length() < 12) return false;
    char first = internalName.charAt(0);
    if (first == 's') return internalName.startsWith("software/amazon/awssdk/") && (internalName.equals(AWS_INTERCEPTOR_CHAIN)
        || BEDROCK_CLIENTS.contains(internalName));
    if (first == 'j') {
      // Most loads under j are the JDK's own: two char compares and a prefix keep them cheap.
      if (internalName.charAt(4) == 'x' || internalName.charAt(2) == 'k') {
        return (internalName.startsWith("javax/servlet/") || internalName.startsWith("jakarta/servlet/"))
            && SERVLETS.contains(internalName);
      }
      return executorsEnabled && internalName.startsWith("java/util/concurrent/") && EXECUTORS.contains(internalName);
    }
    if (internalName.charAt(3) != '/') return false;
    switch (first) {
      case 'c':
        return STAINLESS_PREPARE.contains(internalName) || STAINLESS_HTTP.contains(internalName)
            || GOOGLE_GENAI.contains(internalName);
      case 'd':
        return internalName.startsWith("dev/langchain4j/")
            && (internalName.startsWith(LC4J_HTTP_PREFIX) || internalName.equals(LC4J_RETRY_POLICY));
      case 'o':
        return internalName.equals(SPRING_AI_OPENAI_API);
      default:
        return false;
    }
  }
}
