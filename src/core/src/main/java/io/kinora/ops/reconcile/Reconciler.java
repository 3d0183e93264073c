package io.kinora.ops.reconcile;

import io.kinora.catalog.application.VideoCatalog;
import io.kinora.catalog.application.VideoLifecycle;
import io.kinora.catalog.domain.VideoStatus;
import io.kinora.encode.application.EncodeJobs;
import io.kinora.encode.application.EncodeSettings;
import io.kinora.encode.batch.JobCleanup;
import io.kinora.ingest.direct.DirectUploadService;
import io.kinora.progress.ProgressBoard;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Fixes what a failure left behind, periodically ({@code kinora.reconciler.interval}), on one node at a time (a
 * lease row, {@link ReconcilerStore#take}): a video still PROCESSING whose latest job ended FAILED or ABANDONED
 * without its listener (an operator's abandon, a job that failed before the listener ran) becomes FAILED and its
 * work goes; direct (multipart) uploads never completed within {@code kinora.upload.direct-expiry} are aborted;
 * local work directories of deleted or failed videos are removed. Everything it does is logged for the admin
 * console. {@code kinora.reconciler.grace} keeps it away from what just happened (a listener about to run, a job
 * being restarted).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());

    @Resource TimerService timers;
    @Inject ReconcilerStore store;
    @Inject VideoCatalog catalog;
    @Inject VideoLifecycle lifecycle;
    @Inject JobCleanup cleanup;
    @Inject ProgressBoard progress;
    @Inject DirectUploadService direct;
    @Inject EncodeSettings settings;

    /** A pass could not run: another node holds the lease. */
    public static final class Busy extends Exception {
        Busy() { super("another node is reconciling", null, false, false); }
    }

    @PostConstruct
    void schedule() {
        Duration every = duration("kinora.reconciler.interval", "PT5M");
        timers.createIntervalTimer(Math.min(60_000, every.toMillis()), every.toMillis(), new TimerConfig("reconciler", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void timer() {
        try {
            run();
        } catch (Busy busy) {
            LOG.fine("reconciler: another node holds the lease");
        } catch (Exception e) {
            LOG.log(Level.WARNING, "reconciler pass failed", e);
        }
    }

    /** One pass now (the admin console's button, the timer); returns what it did. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<ReconcilerStore.Action> run() throws Busy, java.sql.SQLException {
        String node = EncodeJobs.node();
        if (!store.take(node, Duration.ofMinutes(10))) throw new Busy();
        List<ReconcilerStore.Action> done = new ArrayList<>();
        try {
            Instant settled = Instant.now().minus(duration("kinora.reconciler.grace", "PT2M"));
            stuckVideos(node, settled, done);
            staleDirectUploads(node, done);
            orphanWorkDirs(node, settled, done);
        } finally {
            store.release(node);
        }
        if (!done.isEmpty()) LOG.info(() -> "reconciler: " + done.size() + " action(s): " + done);
        return done;
    }

    private void stuckVideos(String node, Instant settled, List<ReconcilerStore.Action> done) throws java.sql.SQLException {
        for (String[] stuck : store.stuckVideos(settled)) {
            String videoId = stuck[0];
            String code = "ABANDONED".equals(stuck[1]) ? "encode-abandoned" : "encode-failed";
            try {
                cleanup.removeWork(videoId);
            } catch (IOException e) {
                LOG.warning(() -> "reconciler: work of " + videoId + " not removed: " + e);
            }
            lifecycle.failed(videoId, code, "the encode job ended " + stuck[1] + " without updating the video");
            progress.finished(videoId, "failed");
            done.add(store.record(node, "video-failed", videoId, "job " + stuck[1] + ", video was still PROCESSING: now FAILED " + code));
        }
    }

    private void staleDirectUploads(String node, List<ReconcilerStore.Action> done) throws java.sql.SQLException {
        Duration expiry = duration("kinora.upload.direct-expiry", "PT24H");
        try {
            for (String id : direct.abortStale(expiry)) {
                done.add(store.record(node, "direct-upload-aborted", id, "not completed within " + expiry + ": multipart upload aborted"));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "reconciler: direct uploads not checked: " + e);
        }
    }

    private void orphanWorkDirs(String node, Instant settled, List<ReconcilerStore.Action> done) throws java.sql.SQLException {
        Path root = settings.workDir(UUID.randomUUID().toString()).getParent();
        if (!Files.isDirectory(root)) return;
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            LOG.warning(() -> "reconciler: work directories not listed: " + e);
            return;
        }
        for (Path dir : dirs) {
            String videoId = dir.getFileName().toString();
            try {
                if (Files.getLastModifiedTime(dir).toInstant().isAfter(settled)) continue;
                Optional<VideoStatus> status = catalog.find(videoId).map(v -> v.status());
                if (status.isPresent() && status.get() != VideoStatus.FAILED) continue;
                deleteTree(dir);
                done.add(store.record(node, "work-removed", videoId, "local work directory of a "
                        + (status.isEmpty() ? "deleted" : "failed") + " video removed"));
            } catch (IOException | RuntimeException e) {
                LOG.warning(() -> "reconciler: " + dir + " not removed: " + e);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> w = Files.walk(dir)) {
            for (Path p : w.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static Duration duration(String key, String fallback) {
        return Duration.parse(ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse(fallback));
    }
}
