package dev.cordon.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * Classes the policy's parse will need ({@link #PARSE}: the policy model, Jackson, the audit log),
 * loaded by premain's thread while it waits for cordon-init to read the policy (only when the
 * datasets could not be read ahead of it), stopping as soon as the parse is done. The list is taken
 * from a class-loading log of a start with file datasets, in the order first needed; a name that no
 * longer exists is skipped (only speed is lost) and ClassListsTest keeps the list current. Loading
 * only, never initialisation: two threads running static initialisers in different orders could
 * deadlock.
 */
final class ClassLists {
  private ClassLists() {}

  static final String PARSE = "dev/cordon/agent/parse-classes.txt";

  /** Loads the listed classes until {@code until} reaches zero. */
  static void load(ClassLoader loader, String list, CountDownLatch until) {
    try (InputStream in = loader.getResourceAsStream(list)) {
      if (in == null) return;
      BufferedReader names = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      String name;
      while (until.getCount() > 0 && (name = names.readLine()) != null) {
        try {
          Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
          // a head start only
        }
      }
    } catch (IOException e) {
      // a head start only
    }
  }
}
