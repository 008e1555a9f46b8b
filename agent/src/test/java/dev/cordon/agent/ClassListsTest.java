package dev.cordon.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The classes premain loads ahead of the policy parse still exist (a stale list only costs speed, silently). */
class ParseClassesTest {
  @Test
  void everyListedClassExists() throws Exception {
    List<String> missing = new ArrayList<>();
    int count = 0;
    try (InputStream in = ParseClasses.class.getClassLoader().getResourceAsStream(ParseClasses.LIST)) {
      for (String name : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (name.isBlank()) continue;
        count++;
        try {
          Class.forName(name, false, ParseClasses.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          missing.add(name);
        }
      }
    }
    assertTrue(count > 100, "the list holds the parse's classes: " + count);
    assertTrue(missing.isEmpty(), "no longer exist: " + missing);
  }
}
