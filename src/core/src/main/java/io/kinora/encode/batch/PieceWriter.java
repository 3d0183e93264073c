package io.kinora.encode.batch;

import io.kinora.encode.application.VideoKeys;
import io.kinora.storage.ObjectStore;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores the encoded pieces of each item, one per rendition (the store's put is atomic: a piece is either fully there or absent) and hands
 * what it wrote to the collector, which tells the analyzer on the step's main thread.
 */
@Named("pieceWriter")
@Dependent
public class PieceWriter extends AbstractItemWriter {
    @Inject @BatchProperty String videoId;
    @Inject ObjectStore store;
    @Inject StepContext step;

    @Override
    @SuppressWarnings("unchecked")
    public void writeItems(List<Object> items) throws Exception {
        VideoKeys keys = new VideoKeys(videoId);
        List<StoredPiece> written = step.getTransientUserData() instanceof List<?> l
                ? (List<StoredPiece>) l : new ArrayList<>();
        for (Object item : items) {
            for (EncodedPiece e : (List<EncodedPiece>) item) {
                store.put(e.what().isAudio() ? keys.audio() : keys.encodedPiece(e.what().rendition(), e.what().piece()), e.file());
                Files.deleteIfExists(e.file());
                written.add(e.what());
            }
        }
        step.setTransientUserData(written);
    }
}
