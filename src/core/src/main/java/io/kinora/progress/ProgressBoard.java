package io.kinora.progress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hot progress of running encodes, kept in memory and never written to the database per percent
 * (seed 001). State changes (READY, COMPLETED, FAILED) go to the database elsewhere; every change here
 * is also fired as a CDI event for live channels (SSE, the JMS topic for other nodes).
 */
@ApplicationScoped
public class ProgressBoard {
    private final Map<String, VideoProgress> videos = new ConcurrentHashMap<>();

    @Inject
    Event<VideoProgress> changes;

    @Inject
    ProgressRelay relay;

    public void stage(String videoId, String stage) {
        publish(videos.compute(videoId, (id, p) -> (p == null ? VideoProgress.start(id) : p).withStage(stage)));
    }

    public void planned(String videoId, Map<String, Integer> piecesPerRendition) {
        publish(videos.compute(videoId, (id, p) -> (p == null ? VideoProgress.start(id) : p).withPlan(piecesPerRendition)));
    }

    public void pieceDone(String videoId, String rendition, int piecesDone) {
        publish(videos.compute(videoId, (id, p) -> (p == null ? VideoProgress.start(id) : p).withPieces(rendition, piecesDone)));
    }

    public void renditionPublished(String videoId, String rendition) {
        publish(videos.compute(videoId, (id, p) -> (p == null ? VideoProgress.start(id) : p).withPublished(rendition)));
    }

    /** A torrent import's download of this video's file ({@code downloading}) or of the magnet's metadata. */
    public void downloading(String videoId, String stage, VideoProgress.Download download) {
        publish(videos.compute(videoId, (id, p) -> (p == null ? VideoProgress.start(id) : p).withDownload(stage, download)));
    }

    public void finished(String videoId, String stage) {
        VideoProgress last = videos.remove(videoId);
        publish((last == null ? VideoProgress.start(videoId) : last).withStage(stage));
    }

    public Optional<VideoProgress> get(String videoId) {
        return Optional.ofNullable(videos.get(videoId));
    }

    /** Progress of a video another node coordinates: kept and shown here too, not sent on again. */
    void fromOtherNode(VideoProgress p) {
        if (isEnd(p.stage())) videos.remove(p.videoId());
        else videos.put(p.videoId(), p);
        fire(p);
    }

    private void publish(VideoProgress p) {
        fire(p);
        relay.progress(p);
    }

    private void fire(VideoProgress p) {
        try {
            changes.fire(p);
        } catch (RuntimeException e) {
            // a broken listener must never break an encode
        }
    }

    private static boolean isEnd(String stage) {
        return "failed".equals(stage) || "completed".equals(stage) || "deleted".equals(stage);
    }
}
