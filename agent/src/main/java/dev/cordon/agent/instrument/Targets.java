package dev.cordon.agent.instrument;

import java.util.Set;

/**
 * The classes Cordon weaves, by internal name. The lazy transformer checks every loaded class
 * against these with a first-character switch and a few prefix or set tests, and only a hit wakes
 * Byte Buddy (which then applies the modules' exact matchers) or, for the JDK's file funnels, ASM.
 */
final class Targets {
  private Targets() {}

  static final Set<String> STAINLESS_PREPARE = Set.of("com/openai/core/PrepareRequest", "com/anthropic/core/PrepareRequest");
  static final Set<String> STAINLESS_HTTP = Set.of("com/openai/core/http/RetryingHttpClient",
      "com/anthropic/core/http/RetryingHttpClient");
  /** The JDK's file funnels: targets only once {@link JdkFileHooks} has been asked for them. */
  static final Set<String> JDK_FILES = Set.of("java/io/FileInputStream", "java/io/FileOutputStream",
      "java/io/RandomAccessFile", "java/io/UnixFileSystem", "sun/nio/fs/UnixNativeDispatcher",
      "sun/nio/fs/UnixSecureDirectoryStream");

  /** The JDK's connect funnels: targets only once {@link JdkSocketHooks} has been asked for them. */
  static final Set<String> JDK_SOCKETS = Set.of("java/net/Socket", "sun/nio/ch/SocketChannelImpl",
      "sun/nio/ch/UnixAsynchronousSocketChannelImpl");

  private static volatile boolean jdkFiles;
  private static volatile boolean jdkSockets;
  private static volatile boolean jdbc;

  /** Does nothing: calling it runs the static initialiser, on the caller's terms (see LazyTransformer). */
  static void initialize() {}

  static void enableJdkFiles() {
    jdkFiles = true;
  }

  static void enableJdkSockets() {
    jdkSockets = true;
  }

  static void enableJdbc() {
    jdbc = true;
  }

  /** A file funnel of the JDK, once they are governed (woven by {@link JdkFileWeaver}). */
  static boolean isJdkFile(String internalName) {
    return jdkFiles && JDK_FILES.contains(internalName);
  }

  static boolean jdbcEnabled() {
    return jdbc;
  }

  private static final byte[] JAVA_SQL = "java/sql/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * Whether a class file's constant pool names a {@code java.sql} type (as a class, or as a field
   * type): a JDBC connection or statement implementation always does (its interfaces, or the
   * {@code SQLException} its methods declare). A walk over the pool's entries, jumping over their
   * contents, so it costs about a nanosecond per entry and allocates nothing; only classes it
   * accepts are shown to Byte Buddy, which then checks the real type hierarchy.
   */
  static boolean mentionsJavaSql(byte[] b) {
    if (b == null || b.length < 10 || (b[0] & 0xff) != 0xCA || (b[1] & 0xff) != 0xFE) return false;
    int count = u2(b, 8);
    int i = 10;
    for (int k = 1; k < count; k++) {
      if (i >= b.length) return false;
      switch (b[i] & 0xff) {
        case 1 -> {
          int len = u2(b, i + 1);
          int s = i + 3;
          if (startsWith(b, s, len, 0) || (len > 0 && b[s] == 'L' && startsWith(b, s, len, 1))) return true;
          i = s + len;
        }
        case 3, 4, 9, 10, 11, 12, 17, 18 -> i += 5;
        case 5, 6 -> {
          i += 9;
          k++;
        }
        case 7, 8, 16, 19, 20 -> i += 3;
        case 15 -> i += 4;
        default -> {
          return false;
        }
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] b, int s, int len, int skip) {
    if (len - skip < JAVA_SQL.length || s + len > b.length) return false;
    for (int j = 0; j < JAVA_SQL.length; j++) if (b[s + skip + j] != JAVA_SQL[j]) return false;
    return true;
  }

  private static int u2(byte[] b, int i) {
    return i + 1 < b.length ? ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff) : 0;
  }

  static final String JDK_HTTP_CLIENT = "jdk/internal/net/http/HttpClientImpl";
  static final String URL_CONNECTION = "sun/net/www/protocol/http/HttpURLConnection";
  /** Apache HttpClient classic clients (5.x, then 4.x): their doExecute is what every execute overload reaches. */
  static final Set<String> APACHE_CLASSIC = Set.of("org/apache/hc/client5/http/impl/classic/InternalHttpClient",
      "org/apache/hc/client5/http/impl/classic/MinimalHttpClient", "org/apache/http/impl/client/InternalHttpClient",
      "org/apache/http/impl/client/MinimalHttpClient", "org/apache/http/impl/client/AbstractHttpClient");
  static final Set<String> APACHE_ASYNC = Set.of("org/apache/hc/client5/http/impl/async/InternalAbstractHttpAsyncClient",
      "org/apache/hc/client5/http/impl/async/AbstractMinimalHttpAsyncClientBase");
  static final Set<String> REACTOR_NETTY = Set.of("reactor/netty/http/client/HttpClientConnect$HttpClientHandler",
      "reactor/netty/http/client/HttpClientOperations", "reactor/netty/http/HttpOperations");
  static final Set<String> OKHTTP = Set.of("okhttp3/internal/connection/RealCall", "okhttp3/internal/http/RealInterceptorChain");

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
    // The first letter picks the family; each family costs a char compare or two before any set is consulted.
    if (internalName.length() < 12) return false;
    switch (internalName.charAt(0)) {
      case 's':
        if (internalName.startsWith("software/amazon/awssdk/")) {
          return internalName.equals(AWS_INTERCEPTOR_CHAIN) || BEDROCK_CLIENTS.contains(internalName);
        }
        return (internalName.charAt(3) == '/' && internalName.equals(URL_CONNECTION))
            || (jdkFiles && JDK_FILES.contains(internalName)) || (jdkSockets && JDK_SOCKETS.contains(internalName));
      case 'j':
        // javax/ and jakarta/ (servlets), jdk/ (the HTTP client), java/ (files, executors)
        if ((internalName.charAt(4) == 'x' || internalName.charAt(2) == 'k')
            && (internalName.startsWith("javax/servlet/") || internalName.startsWith("jakarta/servlet/"))) {
          return SERVLETS.contains(internalName);
        }
        if (internalName.charAt(3) == '/' && internalName.equals(JDK_HTTP_CLIENT)) return true;
        if (jdkFiles && JDK_FILES.contains(internalName)) return true;
        if (jdkSockets && JDK_SOCKETS.contains(internalName)) return true;
        return executorsEnabled && internalName.startsWith("java/util/concurrent/") && EXECUTORS.contains(internalName);
      case 'c':
        return internalName.charAt(3) == '/' && (STAINLESS_PREPARE.contains(internalName)
            || STAINLESS_HTTP.contains(internalName) || GOOGLE_GENAI.contains(internalName));
      case 'd':
        // Vector stores: a name test only; the module then checks the real interface.
        return internalName.startsWith("dev/langchain4j/")
            && (internalName.startsWith(LC4J_HTTP_PREFIX) || internalName.equals(LC4J_RETRY_POLICY)
                || internalName.contains("EmbeddingStore"));
      case 'r':
        return internalName.startsWith("reactor/netty/http/") && REACTOR_NETTY.contains(internalName);
      case 'o':
        return (internalName.charAt(3) == '/' && (internalName.equals(SPRING_AI_OPENAI_API)
                || (internalName.startsWith("org/springframework/ai/") && internalName.contains("VectorStore"))))
            || (internalName.charAt(7) == '/' && OKHTTP.contains(internalName))
            || (internalName.startsWith("org/apache/h") && (APACHE_CLASSIC.contains(internalName)
                || APACHE_ASYNC.contains(internalName)));
      default:
        return false;
    }
  }
}
