package dev.cordon.redact;

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
 * The HMAC key for the HASH operator. It lives in a file beside the policy (never in the policy
 * text, which is often committed): 64 hex characters, or at least 16 raw bytes. A missing file is
 * created with a fresh random 32-byte key, readable by its owner only, so hashes stay stable
 * across restarts from then on.
 */
public final class HashKey {
  private HashKey() {}

  public static byte[] loadOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      byte[] text = (HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII);
      try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
          Files.createFile(file);
        }
        Files.write(file, text, StandardOpenOption.TRUNCATE_EXISTING);
        return key;
      } catch (FileAlreadyExistsException raced) {
        // another process created it first: use theirs
      }
    }
    return parse(Files.readAllBytes(file), file);
  }

  static byte[] parse(byte[] raw, Path file) throws IOException {
    String text = new String(raw, StandardCharsets.ISO_8859_1).trim();
    if (text.length() >= 32 && text.length() % 2 == 0 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return HexFormat.of().parseHex(text);
    }
    if (raw.length < 16) throw new IOException("redaction key file " + file + " holds fewer than 16 bytes");
    return raw.clone();
  }
}
