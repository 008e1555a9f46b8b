package dev.cordon.agent.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CleanPathsTest {
  @Test
  void aCleanAnswerLastsOneToTwoTicksAndInvalidationVoidsIt() {
    CleanPaths c = new CleanPaths();
    String p = "/srv/app/config.yml";
    assertFalse(c.isClean(p));
    c.markClean(p);
    assertTrue(c.isClean(p));
    assertTrue(c.isClean(new String(p.toCharArray())), "equal strings, not only the same instance");
    c.tick();
    assertTrue(c.isClean(p));
    c.tick();
    assertFalse(c.isClean(p), "expired after two ticks");
    c.markClean(p);
    c.invalidate();
    assertFalse(c.isClean(p));
  }

  @Test
  void collidingPathsKeepBothSlotsAndOverlongPathsAreNotCached() {
    CleanPaths c = new CleanPaths();
    for (int i = 0; i < 10_000; i++) c.markClean("/data/f" + i);
    assertTrue(c.isClean("/data/f9999"));
    String longPath = "/x/" + "a".repeat(CleanPaths.MAX_CACHED_LENGTH);
    c.markClean(longPath);
    assertFalse(c.isClean(longPath));
  }
}
