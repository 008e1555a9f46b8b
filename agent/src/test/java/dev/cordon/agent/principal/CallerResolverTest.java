package dev.cordon.agent.principal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.callers.Hop;
import com.example.callers.Sites;
import dev.cordon.policy.Policy;
import dev.cordon.policy.PolicyLoader;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The principal and caller text read from a throwable's raw frames ({@link Backtraces}) are the
 * ones {@code StackWalker} gives, on stacks shaped like an application's (lambdas, reflection,
 * inner classes, two packages, depths past one backtrace chunk). Surefire opens {@code java.lang}
 * to the tests as the agent opens it to itself at start.
 */
class CallerResolverTest {
  private static final String POLICY = """
      version: 1
      mode: enforce
      principals:
        - { id: relay, match: { code: ["org.example.other.**"] } }
        - { id: app, match: { code: ["com.example.callers.**"] } }
        - { id: worker, match: { threads: ["cordon-test-*"] } }
      rules: []
      """;

  private static CallerResolver resolver() throws dev.cordon.policy.PolicyException {
    Policy policy = PolicyLoader.parse(POLICY, "test.yaml", false, Path.of("."));
    return new CallerResolver(policy.principalSelector(), null);
  }

  @Test
  void backtracesAreUsableOnThisJdk() {
    assertTrue(Backtraces.usable(), "java.lang opened and the layout checked");
  }

  @Test
  void backtraceAndWalkAgreeOnRandomStacks() throws Exception {
    CallerResolver resolver = resolver();
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      int[] shapes = new int[random.nextInt(60)];
      for (int k = 0; k < shapes.length; k++) shapes[k] = random.nextInt(4);
      Caller[] both = Hop.through(shapes, 0, () -> new Caller[] {resolver.resolve(), resolver.resolveByWalking()});
      assertEquals(both[1], both[0], java.util.Arrays.toString(shapes));
    }
  }

  @Test
  void eachCallSiteHasItsOwnTextAndKeepsIt() throws Exception {
    CallerResolver resolver = resolver();
    String[] sites = Sites.two(() -> resolver.resolve().frame());
    String[] again = Sites.two(() -> resolver.resolve().frame());
    assertTrue(sites[0].startsWith("com.example.callers.Sites.two(Sites.java:"), sites[0]);
    assertNotEquals(sites[0], sites[1], "two lines of one method are two sites");
    assertEquals(sites[0], again[0]);
    assertEquals(sites[1], again[1]);
    // The nearest matching frame decides: the relay, although the application's frames are further out.
    Caller viaRelay = Hop.through(new int[] {0, 1}, 0, () -> org.example.other.Relay.relay(resolver::resolve));
    assertTrue(viaRelay.frame().startsWith("org.example.other.Relay.relay(Relay.java:"), viaRelay.frame());
    assertEquals("relay", viaRelay.principal());
  }

  @Test
  void noCodeMatchFallsBackToTheWalkAndTheThreadPrincipal() throws Exception {
    CallerResolver resolver = resolver();
    Caller[] seen = new Caller[2];
    Thread t = new Thread(() -> {
      seen[0] = resolver.resolve();
      seen[1] = resolver.resolveByWalking();
    }, "cordon-test-1");
    t.start();
    t.join();
    assertEquals("worker", seen[0].principal());
    assertEquals(seen[1].principal(), seen[0].principal());
  }
}
