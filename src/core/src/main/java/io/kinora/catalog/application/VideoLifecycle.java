package io.kinora.catalog.application;

import io.kinora.catalog.domain.Rendition;
import io.kinora.catalog.domain.SourceMetadata;
import io.kinora.catalog.domain.Video;
import io.kinora.catalog.domain.VideoRepository;
import io.kinora.catalog.domain.VideoStatus;
import io.kinora.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * The state changes a video goes through while it is encoded, each in its own transaction so that a
 * batch step's progress is durable the moment it happens (and independent of the chunk transaction).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
@RetryOnConflict
public class VideoLifecycle {
    @Inject
    VideoRepository videos;

    @Inject
    Event<VideoStatusChanged> statusChanges;

    public record PlannedRendition(String name, String codec, int width, int height, int bitrateKbps) { }

    public record Publication(String codecs, String frameRate, long peakBandwidth, long averageBandwidth,
                              String playlistKey, String mp4Key, long mp4Size, long storedBytes) { }

    public Video require(String videoId) {
        Video v = videos.find(videoId).orElseThrow(() -> ProblemException.notFound("no-such-video", "no video " + videoId));
        v.renditions().size(); // load while the transaction is open
        return v;
    }

    public Optional<Video> find(String videoId) {
        Optional<Video> v = videos.find(videoId);
        v.ifPresent(x -> x.renditions().size());
        return v;
    }

    public void jobStarted(String videoId, long executionId, String traceId) {
        videos.find(videoId).ifPresent(v -> {
            v.startedAs(executionId, traceId);
            if (v.resumeAfterFailure()) {
                statusChanges.fire(new VideoStatusChanged(v.id(), v.ownerId(), VideoStatus.FAILED, v.status(), null));
            }
        });
    }

    /** Records the probe and the ladder; on a restarted job the renditions already exist and stay. */
    public void probed(String videoId, SourceMetadata metadata, List<PlannedRendition> ladder) {
        Video v = require(videoId);
        v.probed(metadata);
        if (v.renditions().isEmpty()) {
            for (PlannedRendition r : ladder) v.addRendition(r.name(), r.codec(), r.width(), r.height(), r.bitrateKbps());
        }
    }

    public void piecesPlanned(String videoId, int pieces) {
        require(videoId).renditions().forEach(r -> {
            if (r.status() != Rendition.Status.PUBLISHED) r.plan(pieces);
        });
    }

    /**
     * Marks one rendition published; returns the video's status afterwards (READY, then COMPLETED).
     * {@code beforeCommit} sees the video as published and runs inside the transaction (the master playlist is
     * written there), so nobody can observe the new status before the playlist that announces the rendition.
     */
    public VideoStatus published(String videoId, String rendition, Publication p, java.util.function.Consumer<Video> beforeCommit) {
        Video v = require(videoId);
        VideoStatus before = v.status();
        Rendition r = v.renditions().stream().filter(x -> x.name().equals(rendition)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no rendition " + rendition + " on " + videoId));
        if (r.status() == Rendition.Status.PUBLISHED) return v.status();
        r.pieceDone(r.piecesTotal());
        r.publish(p.codecs(), p.frameRate(), p.peakBandwidth(), p.averageBandwidth(), p.playlistKey(), p.mp4Key(), p.mp4Size());
        v.renditionPublished(p.storedBytes());
        beforeCommit.accept(v);
        if (before == VideoStatus.PROCESSING && v.status() == VideoStatus.COMPLETED) {
            // a one-rendition ladder becomes playable and complete at once: listeners still see READY first
            statusChanges.fire(new VideoStatusChanged(v.id(), v.ownerId(), before, VideoStatus.READY, null));
            before = VideoStatus.READY;
        }
        if (v.status() != before) statusChanges.fire(new VideoStatusChanged(v.id(), v.ownerId(), before, v.status(), null));
        return v.status();
    }

    public void quality(String videoId, String rendition, double psnr, double ssim) {
        require(videoId).renditions().stream().filter(x -> x.name().equals(rendition)).findFirst()
                .ifPresent(r -> r.recordQuality(psnr, ssim));
    }

    public void failed(String videoId, String code, String reason) {
        videos.find(videoId).ifPresent(v -> {
            VideoStatus before = v.status();
            v.fail(code, reason.length() > 2000 ? reason.substring(0, 2000) : reason);
            v.renditions().stream().filter(r -> r.status() != Rendition.Status.PUBLISHED).forEach(Rendition::fail);
            statusChanges.fire(new VideoStatusChanged(v.id(), v.ownerId(), before, v.status(), code));
        });
    }

    public void sourceDeleted(String videoId, long bytes) {
        videos.find(videoId).ifPresent(v -> v.sourceDeleted(bytes));
    }
}
