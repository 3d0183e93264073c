package io.kinora.encode.batch;

import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.encode.application.EncodeSettings;
import io.kinora.catalog.domain.VideoKeys;
import io.kinora.progress.ProgressBoard;
import io.kinora.storage.ObjectStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/** Step 8: temporary pieces removed; the original kept or deleted as configured. */
@Named("cleanUp")
@Dependent
public class CleanUp extends AbstractBatchlet {
    @Inject @JobVideoId String videoId;
    @Inject JobCleanup cleanup;
    @Inject EncodeSettings settings;
    @Inject ObjectStore store;
    @Inject VideoLifecycle lifecycle;
    @Inject ProgressBoard progress;

    @Override
    public String process() throws Exception {
        cleanup.removeWork(videoId);
        if (!settings.keepOriginal()) {
            String key = new VideoKeys(videoId).source();
            long size = store.stat(key).map(i -> i.size()).orElse(0L);
            store.delete(key);
            lifecycle.sourceDeleted(videoId, size);
        }
        progress.finished(videoId, "completed");
        return "CLEAN";
    }
}
