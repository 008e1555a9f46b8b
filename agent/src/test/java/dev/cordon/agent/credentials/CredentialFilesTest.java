package dev.cordon.agent.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.policy.CredentialDef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialFilesTest {
  @TempDir Path dir;

  @Test
  void headerPerWireFormatAndFingerprintOnly() throws Exception {
    Path f = dir.resolve("k");
    Files.writeString(f, "sk-secret-1\n");
    CredentialDef def = new CredentialDef("k1", "openai", f, Duration.ofDays(30));
    CredentialFiles files = new CredentialFiles();
    ScopedKey k = files.key(def, "openai");
    assertEquals("Authorization", k.header());
    assertEquals("Bearer sk-secret-1", k.value());
    assertEquals(CredentialFiles.fingerprint("sk-secret-1"), k.fingerprint());
    assertEquals(8, k.fingerprint().length());
    assertFalse(k.toString().contains("sk-secret-1"), "never printed");
    assertEquals("x-api-key", files.key(def, "anthropic").header());
    assertEquals("api-key", files.key(def, "azure-openai").header());
    assertEquals("x-goog-api-key", files.key(def, "gemini").header());
    assertThrows(CredentialFiles.Refused.class, () -> files.key(def, "bedrock"));
  }

  @Test
  void rotationAndMaxAge() throws Exception {
    Path f = dir.resolve("k");
    Files.writeString(f, "sk-one");
    CredentialDef def = new CredentialDef("k1", "openai", f, Duration.ofDays(30));
    CredentialFiles files = new CredentialFiles();
    assertEquals("Bearer sk-one", files.key(def, "openai").value());
    Files.writeString(f, "sk-two-rotated");
    assertEquals("Bearer sk-two-rotated", files.key(def, "openai").value());
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(Duration.ofDays(31))));
    CredentialFiles.Refused r = assertThrows(CredentialFiles.Refused.class, () -> files.key(def, "openai"));
    assertTrue(r.getMessage().contains("max_age") && !r.getMessage().contains("sk-two"), r.getMessage());
    Files.delete(f);
    assertThrows(CredentialFiles.Refused.class, () -> files.key(def, "openai"));
  }
}
