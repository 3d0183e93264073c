package io.kinora.encode.batch;

import io.kinora.encode.work.StoredPiece;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands what each item stored (the encoder that made it stored it, on whichever node) to the collector, which tells
 * the analyzer on the step's main thread.
 */
@Named("pieceWriter")
@Dependent
public class PieceWriter extends AbstractItemWriter {
    @Inject StepContext step;

    @Override
    @SuppressWarnings("unchecked")
    public void writeItems(List<Object> items) {
        List<StoredPiece> written = step.getTransientUserData() instanceof List<?> l
                ? (List<StoredPiece>) l : new ArrayList<>();
        for (Object item : items) written.addAll((List<StoredPiece>) item);
        step.setTransientUserData(written);
    }
}
