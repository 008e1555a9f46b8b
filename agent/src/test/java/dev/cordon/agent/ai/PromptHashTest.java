package dev.cordon.agent.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** {@code prompt_sha256} covers the whole prompt member's value, whatever its JSON type. */
class PromptHashTest {
  @Test
  void aStringPromptIsHashedWhole() throws Exception {
    String a = "{\"model\":\"text-embedding-3-small\",\"input\":\"my card is 4111 1111 1111 1111\"}";
    String b = "{\"model\":\"text-embedding-3-small\",\"input\":\"something else entirely\"}";
    String hashA = JsonWire.parseRequest(a.getBytes(StandardCharsets.UTF_8)).promptSha256();
    assertNotEquals(hashA, JsonWire.parseRequest(b.getBytes(StandardCharsets.UTF_8)).promptSha256());
    assertEquals(sha256("\"my card is 4111 1111 1111 1111\""), hashA);
  }

  @Test
  void anArrayPromptIsHashedWhole() throws Exception {
    String messages = "[{\"role\":\"user\",\"content\":\"hi\"}]";
    String body = "{\"model\":\"gpt-4o-mini\",\"messages\":" + messages + ",\"max_tokens\":5}";
    assertEquals(sha256(messages), JsonWire.parseRequest(body.getBytes(StandardCharsets.UTF_8)).promptSha256());
  }

  @Test
  void aFailedParseLeavesNothingForTheNext() throws Exception {
    // The digest is reused per thread: a body that fails half-way must not leak into the next hash.
    try {
      JsonWire.parseRequest("{\"messages\":[1,2],\"model\":".getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException expected) {
      // truncated body
    }
    String body = "{\"model\":\"m\",\"messages\":[3]}";
    assertEquals(sha256("[3]"), JsonWire.parseRequest(body.getBytes(StandardCharsets.UTF_8)).promptSha256());
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
