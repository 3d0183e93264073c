package io.kinora.encode.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EncodePlanTest {
    private static final List<String> LADDER = List.of("144p", "240p", "360p", "480p", "720p", "1080p");

    @Test
    void lowestRungAloneThenTheOthersByGroupSize() {
        assertEquals(List.of(List.of("144p"), List.of("240p", "360p", "480p", "720p", "1080p")), EncodePlan.groups(LADDER, 0));
        assertEquals(List.of(List.of("144p"), List.of("240p", "360p"), List.of("480p", "720p"), List.of("1080p")),
                EncodePlan.groups(LADDER, 2));
        assertEquals(LADDER.stream().map(List::of).toList(), EncodePlan.groups(LADDER, 1), "1 = one process per rendition");
        assertEquals(List.of(List.of("144p")), EncodePlan.groups(List.of("144p"), 0));
        assertEquals(List.of(), EncodePlan.groups(List.of(), 0));
    }

    @Test
    void workItemsSurviveTheirPartitionPropertyForm() {
        List<PieceWork> items = List.of(new PieceWork(0, List.of("144p")), new PieceWork(7, List.of("240p", "1080p")));
        assertEquals(items, PieceWork.decodeAll(PieceWork.encodeAll(items)));
        assertEquals(List.of(), PieceWork.decodeAll(""));
    }
}
