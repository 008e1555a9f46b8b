package dev.cordon.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * When the policy governs files, premain's thread waits for cordon-init to read it (its datasets
 * section, or the whole policy); about half of a cold parse is loading classes (SnakeYAML, Jackson,
 * the policy model, the audit log). The
 * waiting thread loads them meanwhile, on the other core, in the order the parse first needs them
 * ({@code parse-classes.txt}, taken from a class-loading log of a start with file datasets), and
 * stops as soon as the parse is done. Loading only, no initialisation: two threads running static
 * initialisers in different orders could deadlock. A name that no longer exists is skipped (only
 * speed is lost); ParseClassesTest keeps the list current.
 */
final class ParseClasses {
  private ParseClasses() {}

  static final String LIST = "dev/cordon/agent/parse-classes.txt";

  static void preload(ClassLoader loader, CountDownLatch parsed) {
    try (InputStream in = loader.getResourceAsStream(LIST)) {
      if (in == null) return;
      BufferedReader names = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      String name;
      while (parsed.getCount() > 0 && (name = names.readLine()) != null) {
        try {
          Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          // a head start only
        }
      }
    } catch (IOException e) {
      // a head start only
    }
  }
}
