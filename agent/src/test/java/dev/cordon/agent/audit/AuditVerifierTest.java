package dev.cordon.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of tampering is found, on the right line, with the right cause. */
class AuditVerifierTest {
  @TempDir Path dir;
  private Path file;
  private List<String> original;

  @BeforeEach
  void twentyLines() throws Exception {
    file = dir.resolve("audit.jsonl");
    try (AuditLog log = AuditLog.open(file, "svc")) {
      for (int i = 1; i <= 20; i++) {
        log.append(AuditEvent.of("model.chat").put("principal", "bot").put("decision", "allow")
            .put("outcome", "allowed").put("n", i));
      }
    }
    original = AuditFiles.lines(file);
  }

  private AuditVerifier.Result verifyWith(List<String> lines) throws Exception {
    AuditFiles.writeLines(file, lines);
    return AuditVerifier.verify(file);
  }

  private static void assertBroken(AuditVerifier.Result r, long line, String message) {
    assertFalse(r.ok(), "tampering not detected");
    assertEquals(line, r.line(), r.message());
    assertEquals("line " + line + ": " + message, r.message());
  }

  @Test
  void intactLogVerifies() throws Exception {
    AuditVerifier.Result r = AuditVerifier.verify(file);
    assertTrue(r.ok(), r.message());
    assertEquals(20, r.lines());
    assertEquals("OK: 20 lines, chain intact", r.message());
    assertEquals(AuditFiles.fields(original.get(19)).get("hash"), r.lastHash());
  }

  @Test
  void emptyLogVerifies() throws Exception {
    Files.write(file, new byte[0]);
    AuditVerifier.Result r = AuditVerifier.verify(file);
    assertTrue(r.ok());
    assertEquals(0, r.lines());
  }

  @Test
  void editedValue() throws Exception {
    List<String> l = new ArrayList<>(original);
    l.set(6, l.get(6).replace("\"decision\":\"allow\"", "\"decision\":\"deny\""));
    assertBroken(verifyWith(l), 7, "hash does not match its content (edited)");
  }

  @Test
  void editedAndRehashedLineBreaksTheNextLink() throws Exception {
    List<String> l = new ArrayList<>(original);
    l.set(6, AuditFiles.rehash(l.get(6).replace("\"bot\"", "\"admin\"")));
    assertBroken(verifyWith(l), 8, "prev does not match line 7's hash (inserted or reordered)");
  }

  @Test
  void deletedLine() throws Exception {
    List<String> l = new ArrayList<>(original);
    l.remove(11);
    assertBroken(verifyWith(l), 12, "seq 13 follows 11 (a line was deleted)");
  }

  @Test
  void deletedFirstLine() throws Exception {
    List<String> l = new ArrayList<>(original);
    l.remove(0);
    assertBroken(verifyWith(l), 1, "seq 2, expected 1 (the beginning of the log is missing)");
  }

  @Test
  void insertedCopyOfAnotherLine() throws Exception {
    List<String> l = new ArrayList<>(original);
    l.add(4, original.get(1));
    assertBroken(verifyWith(l), 5, "seq 2 follows 4 (a line was inserted or reordered)");
  }

  @Test
  void insertedForgedLineWithTheRightSeq() throws Exception {
    // A forger who knows the format writes a line with the expected seq and a valid own hash.
    List<String> l = new ArrayList<>(original);
    String forged = AuditFiles.rehash(original.get(4).replace("\"n\":5", "\"n\":99"));
    l.add(4, forged);
    AuditVerifier.Result r = verifyWith(l);
    // seq 5 is in the right place, prev is line 4's hash: the forgery shows on the next line.
    assertBroken(r, 6, "seq 5 follows 5 (a line was inserted or reordered)");
  }

  @Test
  void swappedLines() throws Exception {
    List<String> l = new ArrayList<>(original);
    l.set(2, original.get(3));
    l.set(3, original.get(2));
    assertBroken(verifyWith(l), 3, "seq 4 follows 2 (lines reordered)");
  }

  @Test
  void truncatedInTheMiddleOfTheLastLine() throws Exception {
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length - 40));
    assertBroken(AuditVerifier.verify(file), 20,
        "truncated (the file ends in the middle of a line)");
  }

  @Test
  void missingFinalNewline() throws Exception {
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length - 1));
    assertBroken(AuditVerifier.verify(file), 20, "truncated (no newline at the end of the file)");
  }

  @Test
  void cutLineInTheMiddleOfTheFile() throws Exception {
    List<String> l = new ArrayList<>(original);
    l.set(9, l.get(9).substring(0, 50));
    AuditVerifier.Result r = verifyWith(l);
    assertFalse(r.ok());
    assertEquals(10, r.line());
    assertTrue(r.reason().startsWith("not valid JSON"), r.message());
  }

  @Test
  void notJson() throws Exception {
    List<String> l = new ArrayList<>(original);
    l.add(3, "hello");
    AuditVerifier.Result r = verifyWith(l);
    assertEquals(4, r.line());
    assertTrue(r.reason().startsWith("not valid JSON"), r.message());
    l = new ArrayList<>(original);
    l.add(3, "");
    assertBroken(verifyWith(l), 4, "empty line (not JSON)");
  }

  @Test
  void hashMustBeTheLastMember() throws Exception {
    List<String> l = new ArrayList<>(original);
    String line = l.get(2);
    l.set(2, line.substring(0, line.length() - 1) + ",\"x\":1}");
    assertBroken(verifyWith(l), 3, "\"hash\" is not the last member");
  }

  @Test
  void uppercaseHashIsNotTheSameLine() throws Exception {
    List<String> l = new ArrayList<>(original);
    String line = l.get(2);
    int at = line.lastIndexOf(",\"hash\":\"") + 9;
    l.set(2, line.substring(0, at) + line.substring(at).toUpperCase().replace("\"}", "\"}"));
    AuditVerifier.Result r = verifyWith(l);
    assertEquals(3, r.line(), r.message());
  }

  @Test
  void duplicateKeysAreRejected() throws Exception {
    List<String> l = new ArrayList<>(original);
    l.set(5, AuditFiles.rehash(l.get(5).replace("\"seq\":6,", "\"seq\":6,\"seq\":6,")));
    AuditVerifier.Result r = verifyWith(l);
    assertEquals(6, r.line());
    assertTrue(r.reason().startsWith("not valid JSON"), r.message());
  }

  @Test
  void agreesWithAHashComputedByOtherTools() throws Exception {
    for (String line : original) {
      assertEquals(AuditFiles.expectedHash(line), AuditFiles.fields(line).get("hash"));
    }
  }

  @Test
  void unrecordedTornLineIsNotAccepted() throws Exception {
    List<String> l = new ArrayList<>(original);
    l.add(10, "{\"ts\":\"2026-01-01T00:00:00.000Z\",\"seq\":11,\"serv");
    AuditVerifier.Result r = verifyWith(l);
    assertEquals(11, r.line());
    assertFalse(r.ok());
  }

  @Test
  void verifiesAStream() throws Exception {
    byte[] all = Files.readAllBytes(file);
    AuditVerifier.Result r = AuditVerifier.verify(new ByteArrayInputStream(all));
    assertTrue(r.ok());
    String text = new String(all, StandardCharsets.UTF_8).replace("\"n\":3", "\"n\":4");
    r = AuditVerifier.verify(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    assertEquals(3, r.line());
  }
}
