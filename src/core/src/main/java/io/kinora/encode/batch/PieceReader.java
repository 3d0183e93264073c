package io.kinora.encode.batch;

import io.kinora.encode.work.PieceWork;
import io.kinora.encode.work.StoredOutputs;
import io.kinora.storage.ObjectStore;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Takes this partition's next work item from the execution's queue, narrowed to the renditions whose piece is not
 * in the store yet (and skipped when none is missing): after a stop or a crash the restarted job encodes only what
 * is missing. The checkpoint is just how many items this partition took (a restart starts partitions afresh).
 * An item taken from the queue is gone from it, so when a retryable failure rolls the chunk back and JBeret reopens
 * the reader, the item it was working on is handed out again.
 */
@Named("pieceReader")
@Dependent
public class PieceReader extends AbstractItemReader {
    @Inject @JobVideoId String videoId;
    @Inject JobContext job;
    @Inject EncodeWorkQueue queue;
    @Inject ObjectStore store;

    private int taken;
    /** Read but not yet committed. */
    private PieceWork inFlight;
    private boolean redeliver;

    @Override
    public void open(Serializable checkpoint) {
        taken = checkpoint == null ? 0 : (Integer) checkpoint;
        redeliver = inFlight != null;
    }

    @Override
    public Object readItem() throws Exception {
        if (redeliver) {
            redeliver = false;
            return inFlight;
        }
        inFlight = take();
        return inFlight;
    }

    private PieceWork take() throws Exception {
        for (PieceWork next = queue.next(job.getExecutionId()); next != null; next = queue.next(job.getExecutionId())) {
            taken++;
            PieceWork missing = StoredOutputs.missing(store, videoId, next);
            if (missing != null) return missing;
        }
        return null;
    }

    @Override
    public Serializable checkpointInfo() {
        inFlight = null; // asked for at the chunk's commit: the item is done
        return taken;
    }
}
