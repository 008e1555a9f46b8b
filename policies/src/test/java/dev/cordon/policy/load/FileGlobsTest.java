package dev.cordon.policy.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileGlobsTest {
    private static final Path BASE = Path.of("/nonexistent-base/policies");

    @Test
    void absoluteGlobsStay() {
        assertEquals("/nonexistent-x/data/**", FileGlobs.resolve("/nonexistent-x/data/**", BASE));
        assertEquals("/**", FileGlobs.resolve("/**", BASE));
        assertEquals("/*.csv", FileGlobs.resolve("/*.csv", BASE));
    }

    @Test
    void relativeGlobsJoinThePolicyFolderAndFoldDots() {
        assertEquals("/nonexistent-base/policies/data/training/**", FileGlobs.resolve("data/training/**", BASE));
        assertEquals("/nonexistent-base/shared/*.csv", FileGlobs.resolve("./../shared/*.csv", BASE));
        assertEquals("/nonexistent-base/policies/**/x", FileGlobs.resolve("**/x", BASE));
    }

    @Test
    void refusals() {
        assertEquals("'..' must not climb above the root or past a wildcard",
            assertThrows(IllegalArgumentException.class, () -> FileGlobs.resolve("/a/*/../b", BASE)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> FileGlobs.resolve("/..", BASE));
        assertThrows(IllegalArgumentException.class, () -> FileGlobs.resolve("~/data/**", BASE));
        assertThrows(IllegalArgumentException.class, () -> FileGlobs.resolve("/a/b/", BASE));
    }

    @Test
    void symlinkedFoldersAreResolved(@TempDir Path tmp) throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real/sub"));
        Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("real"));
        String realTmp = tmp.toRealPath().toString();
        assertEquals(realTmp + "/real/sub/**", FileGlobs.resolve(tmp + "/link/sub/**", BASE));
        // The part that does not exist yet is kept after the real path of its existing ancestor.
        assertEquals(realTmp + "/real/later/x/*.csv", FileGlobs.resolve(tmp + "/link/later/x/*.csv", BASE));
        assertEquals(realTmp + "/real/sub/file.txt", FileGlobs.resolve("link/sub/file.txt", tmp));
        assertEquals(real.toRealPath().toString(), realTmp + "/real/sub");
    }
}
