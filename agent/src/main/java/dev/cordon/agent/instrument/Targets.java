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
      "java/io/RandomAccessFile", "java/io/UnixFileSystem", "sun/nio/fs/UnixNativeDispatcher");

  private static volatile boolean jdkFiles;

  static void enableJdkFiles() {
    jdkFiles = true;
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
    return false;
  }
}
