package dev.cordon.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * Classes premain's critical path will need, loaded ahead on another core. Each list is taken from a
 * class-loading log of a start with file datasets, in the order first needed; a name that no longer
 * exists is skipped (only speed is lost) and ClassListsTest keeps the lists current.
 * <ul>
 * <li>{@link #WEAVE}: ASM and the file weaver, loaded and linked (verified, which is most of their
 * cost) by a thread started first thing in premain, while premain's own thread sets the agent up; by
 * the time it weaves the JDK's file funnels, they are ready.
 * <li>{@link #PARSE}: SnakeYAML, Jackson, the policy model, the audit log, loaded by premain's thread
 * while it waits for cordon-init to read the policy (when the datasets cannot be read without the
 * parser), stopping as soon as the parse is done.
 * </ul>
 * Loading and linking only, never initialisation: two threads running static initialisers in
 * different orders could deadlock.
 */
final class ClassLists {
  private ClassLists() {}

  static final String PARSE = "dev/cordon/agent/parse-classes.txt";
  static final String WEAVE = "dev/cordon/agent/weave-classes.txt";

  /** Loads the listed classes until {@code until} reaches zero (null: all of them), linking them if asked. */
  static void load(ClassLoader loader, String list, CountDownLatch until, boolean link) {
    try (InputStream in = loader.getResourceAsStream(list)) {
      if (in == null) return;
      BufferedReader names = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      String name;
      while ((until == null || until.getCount() > 0) && (name = names.readLine()) != null) {
        try {
          Class<?> c = Class.forName(name, false, loader);
          // Reflection links the class (HotSpot verifies it then) without initialising it.
          if (link) c.getDeclaredConstructors();
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
          // a head start only
        }
      }
    } catch (IOException e) {
      // a head start only
    }
  }

  /** {@link #WEAVE} on a thread of its own. */
  static void weaveClassesAhead(ClassLoader loader) {
    Thread t = new Thread(new Runnable() {
      @Override
      public void run() {
        load(loader, WEAVE, null, true);
      }
    }, "cordon-preload");
    t.setDaemon(true);
    t.start();
  }
}
