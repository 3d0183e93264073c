package io.kinora.encode.application;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kinora.media.Ladder;
import io.kinora.media.Rung;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;

/** kinora.encode.ladder.<name> definitions: a valid ladder or IllegalArgumentException (logged, name unknown). */
class LadderDefinitionFuzzTest {
    @FuzzTest(maxDuration = "6s")
    void parse(byte[] input) {
        String definition = new String(input, StandardCharsets.UTF_8);
        Ladder ladder;
        try {
            ladder = Profiles.parse("fuzzed", definition);
        } catch (IllegalArgumentException e) {
            return;
        }
        assertFalse(ladder.rungs().isEmpty());
        var sides = new HashSet<Integer>();
        for (Rung r : ladder.rungs()) {
            assertTrue(r.shortSide() >= 64 && r.shortSide() <= 4320 && r.shortSide() % 2 == 0, definition);
            assertTrue(r.bitrateKbps() >= 32 && r.bitrateKbps() <= 200_000, definition);
            assertTrue(sides.add(r.shortSide()), definition);
        }
    }
}
