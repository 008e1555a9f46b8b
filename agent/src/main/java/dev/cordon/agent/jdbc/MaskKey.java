package dev.cordon.agent.jdbc;

import dev.cordon.agent.log.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The key behind {@code HASH} masks. First found wins: environment {@code CORDON_MASK_KEY},
 * system property {@code cordon.mask_key}, the file {@code cordon-mask.key} beside the policy
 * (created on first need with 32 random bytes, readable by its owner only). The same key gives
 * the same hashes in every run and every service that shares it; a fresh key unlinks them.
 */
final class MaskKey {
  private MaskKey() {}

  static final String FILE_NAME = "cordon-mask.key";

  static byte[] load(Path policyFolder) {
    String v = System.getenv("CORDON_MASK_KEY");
    if (v == null || v.isBlank()) v = System.getProperty("cordon.mask_key");
    if (v != null && !v.isBlank()) return v.trim().getBytes(StandardCharsets.UTF_8);
    if (policyFolder == null) return ephemeral("no policy folder to keep a key in");
    Path file = policyFolder.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) create(file);
      String text = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (text.isEmpty()) return ephemeral(file + " is empty");
      return text.getBytes(StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return ephemeral("cannot read or create " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static void create(Path file) throws IOException {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException raced) {
      return; // another JVM made it first: use theirs
    } catch (UnsupportedOperationException noPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, HexFormat.of().formatHex(k) + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
  }

  private static byte[] ephemeral(String why) {
    Log.get().warn("HASH masks use a key for this run only: {}; set CORDON_MASK_KEY for stable hashes", why);
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }
}
