package dev.cordon.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TargetsTest {
  @Test
  void transportFunnelsAreTargets() {
    assertTrue(Targets.isTarget("jdk/internal/net/http/HttpClientImpl"));
    assertTrue(Targets.isTarget("okhttp3/internal/connection/RealCall"));
    assertTrue(Targets.isTarget("okhttp3/internal/http/RealInterceptorChain"));
    assertTrue(Targets.isTarget("sun/net/www/protocol/http/HttpURLConnection"));
    assertTrue(Targets.isTarget("com/openai/core/PrepareRequest"));
  }

  @Test
  void neighboursAreNot() {
    assertFalse(Targets.isTarget("jdk/internal/net/http/HttpClientFacade"));
    assertFalse(Targets.isTarget("okhttp3/internal/connection/RealCall$AsyncCall"));
    assertFalse(Targets.isTarget("okhttp3/RealCall"));
    assertFalse(Targets.isTarget("sun/net/www/protocol/https/HttpsURLConnectionImpl"));
    assertFalse(Targets.isTarget("java/lang/String"));
    assertFalse(Targets.isTarget("org/acme/App"));
    assertFalse(Targets.isTarget("a"));
  }
}
