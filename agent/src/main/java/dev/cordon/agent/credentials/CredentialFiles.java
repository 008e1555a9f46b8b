package dev.cordon.agent.credentials;

import dev.cordon.policy.CredentialDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the key files of the policy's {@code credentials} (spec 7). A file is read again when its
 * modification time or size changes, so a rotated key is used from the next call without a
 * restart; a key older than {@code max_age} (by modification time) is refused. Only the key id and
 * a fingerprint ever leave this class in a form meant for logs or the audit.
 */
public final class CredentialFiles {
  /** A key that cannot be used: the call is refused like a denied one, with this reason. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  private record Loaded(long modified, long size, String key, String fingerprint) {}

  private final ConcurrentHashMap<String, Loaded> byId = new ConcurrentHashMap<>();

  /** The key to inject for {@code def} on a request in {@code provider}'s wire format. */
  public ScopedKey key(CredentialDef def, String provider) throws Refused {
    String header = headerFor(provider);
    if (header == null) {
      throw new Refused("credential '" + def.id() + "' cannot be put on a " + provider
          + " request (only bearer and API-key headers are supported, not request signing)");
    }
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(def.file(), BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new Refused("the key file of credential '" + def.id() + "' does not exist: " + def.file());
    } catch (IOException e) {
      throw new Refused("the key file of credential '" + def.id() + "' cannot be read: " + e.getClass().getSimpleName());
    }
    long modified = attrs.lastModifiedTime().toMillis();
    if (def.maxAge() != null) {
      Duration age = Duration.between(Instant.ofEpochMilli(modified), Instant.now());
      if (age.compareTo(def.maxAge()) > 0) {
        throw new Refused("the key of credential '" + def.id() + "' is " + age.toDays() + " days old, older than its max_age "
            + def.maxAge().toDays() + "d (to allow, rotate the key file " + def.file() + ")");
      }
    }
    Loaded l = byId.get(def.id());
    if (l == null || l.modified() != modified || l.size() != attrs.size()) {
      l = load(def, modified, attrs.size());
      byId.put(def.id(), l);
    }
    String value = header.equals("Authorization") ? "Bearer " + l.key() : l.key();
    return new ScopedKey(header, value, def.id(), l.fingerprint());
  }

  private static Loaded load(CredentialDef def, long modified, long size) throws Refused {
    String key;
    try {
      key = new String(Files.readAllBytes(def.file()), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new Refused("the key file of credential '" + def.id() + "' cannot be read: " + e.getClass().getSimpleName());
    }
    if (key.isEmpty() || key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
      throw new Refused("the key file of credential '" + def.id() + "' must hold exactly one non-empty line");
    }
    return new Loaded(modified, size, key, fingerprint(key));
  }

  /** First 8 hex digits of the key's SHA-256. */
  public static String fingerprint(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The header each wire format reads its key from; null where a key cannot simply be put on (Bedrock signs requests). */
  static String headerFor(String provider) {
    return switch (provider) {
      case "openai", "ollama" -> "Authorization";
      case "azure-openai" -> "api-key";
      case "anthropic" -> "x-api-key";
      case "gemini" -> "x-goog-api-key";
      default -> null;
    };
  }
}
