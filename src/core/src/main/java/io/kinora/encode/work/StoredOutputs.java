package io.kinora.encode.work;

import io.kinora.catalog.domain.VideoKeys;
import io.kinora.storage.ObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What of a work item the store does not hold yet: the one check behind skipping, dispatching and encoding an item. */
public final class StoredOutputs {
    private StoredOutputs() { }

    /** The item narrowed to its outputs not in the store (the audio item whole), or null when all are stored. */
    public static PieceWork missing(ObjectStore store, String videoId, PieceWork work) throws IOException {
        VideoKeys keys = new VideoKeys(videoId);
        if (work.isAudio()) return store.exists(keys.audio()) ? null : work;
        List<String> missing = new ArrayList<>();
        for (String r : work.renditions()) if (!store.exists(keys.encodedPiece(r, work.piece()))) missing.add(r);
        return missing.isEmpty() ? null : work.narrowedTo(missing);
    }
}
