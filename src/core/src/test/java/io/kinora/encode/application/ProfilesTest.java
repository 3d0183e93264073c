package io.kinora.encode.application;

import static org.junit.jupiter.api.Assertions.*;

import io.kinora.media.Ladder;
import io.kinora.media.Rung;
import io.kinora.media.VideoCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfilesTest {
    @Test
    void anOperatorsLadderParses() {
        Ladder l = Profiles.parse("lean", " vp9 : 1080@3000, 270 @ 250 ,540@900");
        assertEquals("lean", l.name());
        assertEquals(VideoCodec.VP9, l.codec());
        assertEquals(List.of(new Rung(270, 250), new Rung(540, 900), new Rung(1080, 3000)), l.rungs());
    }

    @Test
    void aBadDefinitionSaysWhatIsWrong() {
        for (String[] bad : List.of(
                new String[] {"h264 1080@3000", "expected"},
                new String[] {"av1: 1080@3000", "unknown codec av1"},
                new String[] {"h264: 1080", "not <short side>@<kb/s>"},
                new String[] {"h264: 1081@3000", "not even"},
                new String[] {"h264: 1080@10", "bitrate 10"},
                new String[] {"h264: 720@2000, 720@1500", "two rungs of 720p"},
                new String[] {"h264:", "is not"})) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profiles.parse("x", bad[0]), bad[0]);
            assertTrue(e.getMessage().contains(bad[1]), bad[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void builtInProfilesNeedNoConfiguration() {
        assertEquals(Ladder.H264_DEFAULT, Profiles.byName("h264-default").orElseThrow());
        assertEquals(Ladder.VP9_DEFAULT, Profiles.byName("vp9-default").orElseThrow());
        assertTrue(Profiles.byName(null).isEmpty());
        assertTrue(Profiles.byName("../etc").isEmpty());
    }
}
