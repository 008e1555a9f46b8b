package dev.cordon.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

class TargetsTest {
  private static byte[] bytesOf(Class<?> c) throws Exception {
    try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  /** A class that names java.sql types, as every JDBC implementation does. */
  abstract static class SomeStatement implements java.sql.Statement {}

  @Test
  void theConstantPoolWalkFindsJavaSqlAndNothingElse() throws Exception {
    assertTrue(Targets.mentionsJavaSql(bytesOf(SomeStatement.class)));
    assertFalse(Targets.mentionsJavaSql(bytesOf(String.class)));
    assertFalse(Targets.mentionsJavaSql(bytesOf(TargetsTest.class)));
    assertFalse(Targets.mentionsJavaSql(new byte[] {1, 2, 3}));
    assertFalse(Targets.mentionsJavaSql(null));
  }

  @Test
  void jdkFileClassesAreTargetsOnlyOnceEnabled() {
    assertTrue(Targets.isTarget("com/openai/core/PrepareRequest"));
    assertFalse(Targets.isTarget("com/acme/Anything"));
    assertFalse(Targets.isTarget("java/lang/String"));
  }

  @Test
  void transportFunnelsAreTargets() {
    assertTrue(Targets.isTarget("jdk/internal/net/http/HttpClientImpl"));
    assertTrue(Targets.isTarget("okhttp3/internal/connection/RealCall"));
    assertTrue(Targets.isTarget("okhttp3/internal/http/RealInterceptorChain"));
    assertTrue(Targets.isTarget("sun/net/www/protocol/http/HttpURLConnection"));
    assertTrue(Targets.isTarget("org/apache/hc/client5/http/impl/classic/InternalHttpClient"));
    assertTrue(Targets.isTarget("org/apache/hc/client5/http/impl/async/InternalAbstractHttpAsyncClient"));
    assertTrue(Targets.isTarget("org/apache/http/impl/client/InternalHttpClient"));
    assertTrue(Targets.isTarget("reactor/netty/http/client/HttpClientOperations"));
    assertTrue(Targets.isTarget("reactor/netty/http/client/HttpClientConnect$HttpClientHandler"));
  }

  @Test
  void transportNeighboursAreNot() {
    assertFalse(Targets.isTarget("jdk/internal/net/http/HttpClientFacade"));
    assertFalse(Targets.isTarget("okhttp3/internal/connection/RealCall$AsyncCall"));
    assertFalse(Targets.isTarget("okhttp3/RealCall"));
    assertFalse(Targets.isTarget("sun/net/www/protocol/https/HttpsURLConnectionImpl"));
    assertFalse(Targets.isTarget("org/acme/App"));
    assertFalse(Targets.isTarget("org/apache/hc/client5/http/impl/classic/CloseableHttpClient"));
    assertFalse(Targets.isTarget("reactor/netty/http/server/HttpServerOperations"));
    assertFalse(Targets.isTarget("reactor/core/publisher/Flux"));
    assertFalse(Targets.isTarget("a"));
  }
}
