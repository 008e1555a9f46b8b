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
  /** The JDK's file funnels: targets only once {@link JdkFileHooks} has been asked for them. */
  static final Set<String> JDK_FILES = Set.of("java/io/FileInputStream", "java/io/FileOutputStream",
      "java/io/RandomAccessFile", "java/io/UnixFileSystem", "sun/nio/fs/UnixNativeDispatcher",
      "sun/nio/fs/UnixSecureDirectoryStream");

  private static volatile boolean jdkFiles;
  private static volatile boolean jdbc;

  static void enableJdkFiles() {
    jdkFiles = true;
  }

  static void enableJdbc() {
    jdbc = true;
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

  static boolean isTarget(String internalName) {
    // The common path is two char compares: the first letter picks the family.
    if (internalName.length() < 12) return false;
    char c0 = internalName.charAt(0);
    if (c0 == 'c') {
      return internalName.charAt(3) == '/'
          && (STAINLESS_PREPARE.contains(internalName) || STAINLESS_HTTP.contains(internalName));
    }
    if ((c0 == 'j' || c0 == 's') && jdkFiles) return JDK_FILES.contains(internalName);
    // Vector stores: a name test only; the module then checks the real interface.
    if (c0 == 'd' && internalName.startsWith("dev/langchain4j/")) return internalName.contains("EmbeddingStore");
    if (c0 == 'o' && internalName.startsWith("org/springframework/ai/")) return internalName.contains("VectorStore");
    return false;
  }
}
