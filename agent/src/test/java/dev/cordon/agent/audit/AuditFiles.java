package dev.cordon.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers that read audit files independently of the production code. */
final class AuditFiles {
  private AuditFiles() {}

  private static final JsonFactory JSON = new JsonFactory();

  static List<String> lines(Path file) throws IOException {
    String all = Files.readString(file, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>(List.of(all.split("\n", -1)));
    assertEquals("", out.remove(out.size() - 1), "file must end with a newline");
    return out;
  }

  static void writeLines(Path file, List<String> lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) sb.append(l).append('\n');
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  /** Top-level members of one line, scalars as text, nested values as their JSON text. */
  static Map<String, Object> fields(String line) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not an object: " + line);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (t) {
          case VALUE_NULL -> m.put(name, null);
          case VALUE_NUMBER_INT -> m.put(name, p.getLongValue());
          case VALUE_TRUE, VALUE_FALSE -> m.put(name, p.getBooleanValue());
          case START_OBJECT -> {
            Map<String, Object> inner = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String k = p.currentName();
              p.nextToken();
              inner.put(k, p.getValueAsString() == null ? p.getText() : p.getValueAsString());
            }
            m.put(name, inner);
          }
          default -> {
            m.put(name, p.getText());
            p.skipChildren();
          }
        }
      }
    }
    return m;
  }

  /** The spec's rule, computed here without the production code: hash of the line minus hash. */
  static String expectedHash(String line) throws Exception {
    int cut = line.lastIndexOf(",\"hash\":\"");
    String hashed = line.substring(0, cut) + "}";
    byte[] d = MessageDigest.getInstance("SHA-256").digest(hashed.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d);
  }

  /** Re-hashes a (tampered) line so that its own hash is right again, as a careful forger would. */
  static String rehash(String line) throws Exception {
    int cut = line.lastIndexOf(",\"hash\":\"");
    return line.substring(0, cut) + ",\"hash\":\"" + expectedHash(line) + "\"}";
  }
}
