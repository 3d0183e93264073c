package io.kinora.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceTimelineTest {
    private static final Rational MS = new Rational(1, 1000);

    @Test
    void anEditListsHiddenStartIsNotShownAndTheOffsetMakesEveryTimestampNonNegative() {
        // a trimmed MOV: decode starts 1.32 s before what is shown; B-frames decode before they show
        String csv = "-1320,-1400,KD_\n-1240,-1360,_D_\n0,-40,K__\n80,0,___\n40,40,___\n2000,1960,K__\n2040,2000,___\n";
        SourceTimeline t = SourceTimeline.parse(MS, csv);
        assertEquals(0.0, t.firstShown());
        assertEquals(3, t.offsetSeconds(), "whole seconds, everything at 1 s or later");
        assertEquals(2.08, t.end(), 1e-9);
    }

    @Test
    void offsetIsAWholeMultipleOfTheTimeBaseNumerator() {
        SourceTimeline t = SourceTimeline.parse(new Rational(1001, 30000), "0,-2,K__\n1,-1,___\n2,0,___\n");
        assertEquals(1001, t.offsetSeconds(), "1001 s is exactly 30000 ticks of 1001/30000");
        assertEquals(1, SourceTimeline.parse(MS, "0,0,K__\n40,40,___\n").offsetSeconds());
        assertEquals(0, SourceTimeline.parse(MS, "1440,1400,K__\n1480,1440,___\n").offsetSeconds(), "MPEG-TS from 1.4 s");
    }

    @Test
    void cutsAreShownKeyframesAtLeastAPieceApartInPresentationTime() {
        // open GOP (MPEG-2 in TS): leading B-frames after each keyframe show before it; starts at 1.44 s
        String csv = "1440,1400,K__\n1560,1440,___\n1480,1480,___\n2040,2000,K__\n1960,2040,___\n3240,3200,K__\n"
                + "3160,3240,___\n5640,5600,K__\n5560,5640,___\n6000,5700,K__\n";
        SourceTimeline t = SourceTimeline.parse(MS, csv);
        assertEquals(1.44, t.firstShown(), 1e-9);
        assertEquals(List.of(new SourceTimeline.Cut(5, 3.24), new SourceTimeline.Cut(7, 5.64)), t.cuts(1.5));
        assertEquals(List.of(), t.cuts(100));
    }

    @Test
    void missingPresentationTimesFallBackToDecodeTimes() {
        SourceTimeline t = SourceTimeline.parse(MS, "N/A,0,K__\nN/A,40,___\nN/A,4000,K__\n");
        assertEquals(List.of(new SourceTimeline.Cut(2, 4.0)), t.cuts(4));
        assertThrows(IllegalArgumentException.class, () -> SourceTimeline.parse(MS, "N/A,N/A,K__\n"));
        assertThrows(IllegalArgumentException.class, () -> SourceTimeline.parse(MS, "garbage\n"));
    }
}
