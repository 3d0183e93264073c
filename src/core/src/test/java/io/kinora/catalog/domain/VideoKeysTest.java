package io.kinora.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VideoKeysTest {
    @Test
    void pieceNamesReadBackToTheirIndex() {
        for (int i : new int[] {0, 7, 12345, 123456}) assertEquals(i, VideoKeys.pieceIndex(VideoKeys.pieceName(i)));
        assertEquals(-1, VideoKeys.pieceIndex("piece-00001-3f2a.nut"), "a private work name is not a piece");
        assertEquals(-1, VideoKeys.pieceIndex("audio.m4a"));
    }
}
