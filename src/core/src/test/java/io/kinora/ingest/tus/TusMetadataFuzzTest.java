package io.kinora.ingest.tus;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kinora.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upload-Metadata from anyone: a map of non-empty printable keys, or 400 invalid-metadata; nothing else. */
class TusMetadataFuzzTest {
    @FuzzTest(maxDuration = "6s")
    void parse(byte[] input) {
        String header = new String(input, StandardCharsets.ISO_8859_1);
        try {
            Map<String, String> m = TusMetadata.parse(header);
            for (String k : m.keySet()) {
                assertFalse(k.isEmpty());
                assertTrue(k.chars().allMatch(c -> c > 32 && c < 127), k);
            }
        } catch (ProblemException e) {
            assertEquals(ProblemException.Kind.INVALID, e.kind());
            assertEquals("invalid-metadata", e.code());
        }
    }

    /** Issue 19 (9): empty pairs were accepted (",,," gave 201). */
    @Test
    void emptyPairsAndRepeatedKeysAreRefused() {
        for (String bad : new String[] {",,,", ",", "filename ZC5tcDQ=,", ",filename ZC5tcDQ=", "a YQ==,,b Yg==",
                "a YQ==,a Yg==", "a b c", "a !!!"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> TusMetadata.parse(bad), bad);
            assertEquals("invalid-metadata", e.code());
        }
        assertEquals(Map.of("filename", "d.mp4", "is_confidential", ""), TusMetadata.parse("filename ZC5tcDQ=, is_confidential"));
        assertEquals(Map.of(), TusMetadata.parse(""));
    }
}
