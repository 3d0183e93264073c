package io.kinora.catalog.application;

import io.kinora.catalog.domain.Video;
import io.kinora.encode.application.EncodeJobs;
import io.kinora.encode.application.EncodeSettings;
import io.kinora.encode.application.VideoKeys;
import io.kinora.problem.ProblemException;
import io.kinora.progress.ProgressBoard;
import io.kinora.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes a video and everything it left anywhere. The encode job is stopped and awaited first: a
 * partition still running would write pieces and renditions after the prefix delete and leave orphans.
 * Order: job, objects, local work dir, row; a crash half-way leaves the row, so the delete can be repeated.
 */
@ApplicationScoped
public class VideoRemoval {
    private static final Logger LOG = Logger.getLogger(VideoRemoval.class.getName());

    @Inject VideoCatalog catalog;
    @Inject EncodeJobs jobs;
    @Inject EncodeSettings settings;
    @Inject ObjectStore store;
    @Inject ProgressBoard progress;
    @Inject io.kinora.progress.EventFeed feed;
    @Inject jakarta.enterprise.event.Event<VideoRemoving> removing;

    /** How long a running encode may take to honour stop before the delete gives up with 409. */
    @Inject @ConfigProperty(name = "kinora.videos.delete.stop-timeout-seconds", defaultValue = "60")
    long stopTimeoutSeconds;

    public void remove(String videoId) {
        Video v = catalog.require(videoId);
        removing.fire(new VideoRemoving(videoId, v.ownerId())); // e.g. a running torrent download stops first
        if (v.jobExecutionId() != null) stopAndWait(v.jobExecutionId());
        try {
            store.deletePrefix(new VideoKeys(videoId).root());
            deleteTree(settings.workDir(videoId));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the objects of " + videoId, e);
        }
        catalog.deleteRow(videoId);
        progress.finished(videoId, "deleted");
        feed.stateChanged(videoId, v.ownerId(), "DELETED");
        LOG.info(() -> "Deleted video " + videoId);
    }

    private void stopAndWait(long executionId) {
        var execution = jobs.execution(executionId);
        if (execution.isEmpty() || !EncodeJobs.running(execution.get().getBatchStatus())) return;
        try {
            jobs.stop(executionId);
        } catch (jakarta.batch.operations.JobExecutionNotRunningException e) {
            return; // finished between the check and the stop
        }
        long deadline = System.nanoTime() + stopTimeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            var s = jobs.execution(executionId).map(e -> e.getBatchStatus()).orElse(null);
            if (s == null || !EncodeJobs.running(s)) return;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw ProblemException.conflict("job-still-running", "the encode job did not stop in " + stopTimeoutSeconds
                + " s; try again");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
