package dev.cordon.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/** Reads an audit log written by the agent and checks its hash chain independently of the agent's code. */
public final class AuditFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> lines;
  private final List<JsonNode> entries = new ArrayList<>();

  private AuditFile(List<String> lines) throws IOException {
    this.lines = lines;
    for (String l : lines) entries.add(JSON.readTree(l));
  }

  public static AuditFile read(Path file) throws IOException {
    if (!Files.exists(file)) throw new AssertionError("no audit file at " + file);
    List<String> lines = new ArrayList<>();
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) if (!l.isEmpty()) lines.add(l);
    return new AuditFile(lines);
  }

  public List<JsonNode> entries() {
    return entries;
  }

  public List<JsonNode> withAction(String action) {
    return where(e -> action.equals(e.path("action").asText()));
  }

  public List<JsonNode> where(Predicate<JsonNode> p) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : entries) if (p.test(e)) out.add(e);
    return out;
  }

  /** Spec 9, checked byte for byte: seq 1..n, prev = previous hash, hash = SHA-256 of the line without its hash member. */
  public void assertChainIntact() throws Exception {
    String prev = "0".repeat(64);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      JsonNode e = entries.get(i);
      if (e.path("seq").asLong() != i + 1) throw new AssertionError("line " + (i + 1) + ": seq " + e.path("seq"));
      if (!prev.equals(e.path("prev").asText())) throw new AssertionError("line " + (i + 1) + ": prev mismatch");
      String hash = e.path("hash").asText();
      String suffix = ",\"hash\":\"" + hash + "\"}";
      if (!line.endsWith(suffix)) throw new AssertionError("line " + (i + 1) + ": hash is not the last member");
      String hashed = line.substring(0, line.length() - suffix.length()) + "}";
      String computed = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(hashed.getBytes(StandardCharsets.UTF_8)));
      if (!computed.equals(hash)) throw new AssertionError("line " + (i + 1) + ": hash mismatch");
      prev = hash;
    }
  }

  @Override
  public String toString() {
    return String.join("\n", lines);
  }
}
