package io.kinora.encode.batch;

import io.kinora.catalog.domain.VideoKeys;
import io.kinora.encode.application.WorkFiles;
import io.kinora.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;

/** Removes a job's temporary files: the local scratch directory and the store's work/ prefix. */
@ApplicationScoped
public class JobCleanup {
    @Inject WorkFiles files;
    @Inject ObjectStore store;

    public void removeWork(String videoId) throws IOException {
        files.deleteWorkDir(videoId);
        store.deletePrefix(new VideoKeys(videoId).work());
    }
}
