package io.kinora.encode.batch;

import io.kinora.encode.application.VideoKeys;
import io.kinora.storage.ObjectStore;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Yields this partition's work items in order, each narrowed to the renditions whose piece is not in the store
 * yet (and skipped when none is missing): after a stop or a crash the restarted job encodes only what is
 * missing. The checkpoint is the position in the list.
 */
@Named("pieceReader")
@Dependent
public class PieceReader extends AbstractItemReader {
    @Inject @BatchProperty String videoId;
    @Inject @BatchProperty String items;
    @Inject ObjectStore store;

    private List<PieceWork> work;
    private int position;

    @Override
    public void open(Serializable checkpoint) {
        work = PieceWork.decodeAll(items);
        position = checkpoint == null ? 0 : (Integer) checkpoint;
    }

    @Override
    public Object readItem() throws Exception {
        VideoKeys keys = new VideoKeys(videoId);
        while (position < work.size()) {
            PieceWork next = work.get(position++);
            if (next.isAudio()) {
                if (!store.exists(keys.audio())) return next;
                continue;
            }
            List<String> missing = new ArrayList<>();
            for (String r : next.renditions()) {
                if (!store.exists(keys.encodedPiece(r, next.piece()))) missing.add(r);
            }
            if (!missing.isEmpty()) return new PieceWork(next.piece(), missing);
        }
        return null;
    }

    @Override
    public Serializable checkpointInfo() {
        return position;
    }
}
