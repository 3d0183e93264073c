package io.kinora.ingest.tus;

import io.kinora.catalog.application.VideoCatalog;
import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.VideoStatus;
import io.kinora.ingest.application.IngestService;
import io.kinora.problem.ProblemException;
import io.kinora.progress.ProgressBoard;
import io.kinora.problem.StorageFull;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * The slow half of a tus completion, after the last PATCH was answered: ffprobe with the whitelists, the file
 * handed to the store (renamed, not copied, on the filesystem store), the encode queued. A refusal fails the
 * video with the refusal's code, which its owner sees in the video's status, on SSE and by webhook, and the
 * upload's files go. A full disk is no refusal: the file waits and is tried again. An upload whose completion a
 * stop interrupted is validated again at the next start.
 */
@ApplicationScoped
public class TusCompletion {
    private static final Logger LOG = Logger.getLogger(TusCompletion.class.getName());

    @Inject TusFiles files;
    @Inject IngestService ingest;
    @Inject VideoLifecycle lifecycle;
    @Inject VideoCatalog catalog;
    @Inject ProgressBoard progress;

    @Resource ManagedExecutorService executor;
    @Resource ManagedScheduledExecutorService later;

    void validate(TusUpload u, String sha256, boolean priority) {
        progress.stage(u.videoId(), "validating");
        executor.execute(() -> run(u, sha256, priority));
    }

    /** At start-up: completed uploads whose file is still there and whose video still waits for it. */
    void resumeInterrupted() {
        for (String id : files.ids()) {
            try {
                TusUpload u = files.load(id).orElse(null);
                Path data = files.data(id);
                if (u == null || !u.completed() || !Files.exists(data)) continue;
                var video = catalog.find(u.videoId());
                if (video.isPresent() && video.get().status() == VideoStatus.PROCESSING && video.get().sourceKey() == null) {
                    LOG.info(() -> "Validating the upload " + id + " of video " + u.videoId() + " again (interrupted by a stop)");
                    validate(u, IngestService.sha256(data), false);
                } else {
                    Files.deleteIfExists(data);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warning(() -> "tus upload " + id + " could not be resumed: " + e);
            }
        }
    }

    private void run(TusUpload u, String sha256, boolean priority) {
        String videoId = u.videoId();
        try {
            String filename = u.decoded().containsKey("filename") ? u.decoded().get("filename") : u.decoded().get("name");
            ingest.acceptInto(videoId, files.data(u.id()), sha256, filename, priority, true);
            progress.stage(videoId, "queued");
        } catch (ProblemException e) {
            refused(u, e.code(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (StorageFull.is(e) && Files.exists(files.data(u.id()))) {
                // the bytes were acknowledged: they wait (stage storage-full) and are tried again until space returns
                LOG.warning(() -> "storage full while storing tus upload " + u.id() + "; trying again in "
                        + StorageFull.RETRY_AFTER_SECONDS + " s");
                progress.stage(videoId, StorageFull.CODE);
                later.schedule(() -> run(u, sha256, priority), StorageFull.RETRY_AFTER_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
                return;
            }
            LOG.warning(() -> "tus upload " + u.id() + " could not be stored: " + e);
            refused(u, "ingest-failed", "the upload could not be stored");
        }
    }

    private void refused(TusUpload u, String code, String reason) {
        lifecycle.failed(u.videoId(), code, reason);
        progress.finished(u.videoId(), "failed");
        try {
            files.delete(u.id()); // nothing of a refused upload stays but the failed video that says why
        } catch (IOException e) {
            LOG.warning(() -> "tus upload " + u.id() + " could not be removed: " + e);
        }
    }
}
