package io.kinora.encode.batch;

import io.kinora.encode.work.PieceWork;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EncodePlanTest {
    private static final List<String> LADDER = List.of("144p", "240p", "360p", "480p", "720p", "1080p");

    @Test
    void lowestRungAloneThenAllTheOthersFromOneDecode() {
        assertEquals(List.of(List.of("144p"), List.of("240p", "360p", "480p", "720p", "1080p")), EncodePlan.groups(LADDER));
        assertEquals(List.of(List.of("144p")), EncodePlan.groups(List.of("144p")));
        assertEquals(List.of(), EncodePlan.groups(List.of()));
    }

    @Test
    void partitionsTakeItemsInPlanOrderUntilNoneIsLeft() {
        EncodeWorkQueue queue = new EncodeWorkQueue();
        List<PieceWork> items = List.of(PieceWork.AUDIO, new PieceWork(0, List.of("144p")), new PieceWork(0, List.of("240p", "1080p")));
        queue.open(7, items);
        assertEquals(PieceWork.AUDIO, queue.next(7));
        assertEquals(items.get(1), queue.next(7));
        assertEquals(null, queue.next(8), "another execution has a queue of its own");
        assertEquals(items.get(2), queue.next(7));
        assertEquals(null, queue.next(7));
        queue.close(7);
        assertEquals(null, queue.next(7));
    }
}
