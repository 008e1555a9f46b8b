package dev.cordon.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The classes premain loads ahead still exist (a stale list only costs speed, silently). */
class ClassListsTest {
  @Test
  void everyClassOfTheParseListExists() throws Exception {
    assertTrue(check(ClassLists.PARSE) > 100, "the list holds the parse's classes");
  }

  private static int check(String list) throws Exception {
    List<String> missing = new ArrayList<>();
    int count = 0;
    try (InputStream in = ClassLists.class.getClassLoader().getResourceAsStream(list)) {
      for (String name : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (name.isBlank()) continue;
        count++;
        try {
          Class.forName(name, false, ClassLists.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          missing.add(name);
        }
      }
    }
    assertTrue(missing.isEmpty(), list + ": no longer exist: " + missing);
    return count;
  }
}
