package io.kinora.encode.batch;

import io.kinora.encode.work.StoredPiece;
import jakarta.batch.api.partition.PartitionCollector;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** After each checkpoint of a partition: the pieces it stored since the last one, for the analyzer. */
@Named("pieceCollector")
@Dependent
public class PieceCollector implements PartitionCollector {
    @Inject StepContext step;

    @Override
    @SuppressWarnings("unchecked")
    public Serializable collectPartitionData() {
        // never null: JBeret queues the value as is, and its queue refuses null
        if (!(step.getTransientUserData() instanceof List<?> l) || l.isEmpty()) return new ArrayList<StoredPiece>();
        ArrayList<StoredPiece> batch = new ArrayList<>((List<StoredPiece>) l);
        step.setTransientUserData(new ArrayList<StoredPiece>());
        return batch;
    }
}
