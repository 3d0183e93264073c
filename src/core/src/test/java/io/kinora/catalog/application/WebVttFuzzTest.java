package io.kinora.catalog.application;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kinora.problem.ProblemException;

/** Uploaded captions: WebVTT text that starts with WEBVTT, or 400 invalid-captions; nothing else. */
class WebVttFuzzTest {
    @FuzzTest(maxDuration = "6s")
    void webVtt(byte[] input) {
        try {
            String text = Captions.webVtt(input);
            assertTrue(text.startsWith("WEBVTT"), text);
        } catch (ProblemException e) {
            assertEquals(ProblemException.Kind.INVALID, e.kind());
            assertEquals("invalid-captions", e.code());
        }
    }
}
