package dev.cordon.agent.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.agent.ai.AiTarget;
import org.junit.jupiter.api.Test;

class GovernedCallsTest {
  static final AiTarget CHAT = new AiTarget("openai", "https", "api.openai.com", 443, "/v1/chat/completions", "POST");
  static final AiTarget EMBED = new AiTarget("openai", "https", "api.openai.com", 443, "/v1/embeddings", "POST");

  @Test
  void aTokenCoversItsOwnEndpointWhileTheCallIsInFlight() {
    String token = GovernedCalls.issueToken(CHAT);
    assertTrue(GovernedCalls.covered(CHAT, token));
    assertFalse(GovernedCalls.covered(EMBED, token), "bound to the governed endpoint");
    assertFalse(GovernedCalls.covered(CHAT, "00112233445566778899aabbccddeeff"), "a made-up token covers nothing");
    GovernedCalls.release(token);
    assertFalse(GovernedCalls.covered(CHAT, token), "released with the SDK call");
  }

  @Test
  void aThreadMarkerCoversItsEndpointOnItsThreadUntilClosed() throws Exception {
    try (var scope = GovernedCalls.onThread(CHAT)) {
      assertTrue(GovernedCalls.covered(CHAT, null));
      assertFalse(GovernedCalls.covered(EMBED, null));
      boolean[] other = new boolean[1];
      Thread t = new Thread(() -> other[0] = GovernedCalls.covered(CHAT, null));
      t.start();
      t.join();
      assertFalse(other[0], "another thread is not covered");
    }
    assertFalse(GovernedCalls.covered(CHAT, null));
  }

  @Test
  void theMarkersShortcutCoversOnlyItsExactEndpointAndPath() {
    String url = "https://api.openai.com/v1/chat/completions";
    assertFalse(GovernedCalls.onThreadCoversUrl("https", "api.openai.com", 443, url), "no marker");
    try (var scope = GovernedCalls.onThread(CHAT)) {
      assertTrue(GovernedCalls.onThreadCoversUrl("https", "api.openai.com", 443, url));
      assertTrue(GovernedCalls.onThreadCoversUrl("https", "api.openai.com", 443, url + "?api-version=1"));
      assertTrue(GovernedCalls.onThreadCoversUrl("https", "api.openai.com", 443, url + "#x"));
      assertFalse(GovernedCalls.onThreadCoversUrl("https", "api.openai.com", 443, url + "s"), "a longer path");
      assertFalse(GovernedCalls.onThreadCoversUrl("https", "api.openai.com", 443, url + "/x"));
      assertFalse(GovernedCalls.onThreadCoversUrl("https", "api.openai.com", 443, "https://api.openai.com/v1/embeddings"));
      assertFalse(GovernedCalls.onThreadCoversUrl("https", "api.openai.com", 8443, "https://api.openai.com:8443/v1/chat/completions"));
      assertFalse(GovernedCalls.onThreadCoversUrl("http", "api.openai.com", 443, "http://api.openai.com:443/v1/chat/completions"));
      assertFalse(GovernedCalls.onThreadCoversUrl("https", "evil.example", 443, "https://evil.example/v1/chat/completions"));
      assertFalse(GovernedCalls.onThreadCoversUrl("https", "api.openai.com", 443, "https://api.openai.com"), "no path");
    }
    assertFalse(GovernedCalls.onThreadCoversUrl("https", "api.openai.com", 443, url), "closed with its scope");
  }
}
