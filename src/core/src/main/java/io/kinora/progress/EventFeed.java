package io.kinora.progress;

import io.kinora.catalog.application.VideoCatalog;
import io.kinora.catalog.application.VideoStatusChanged;
import io.kinora.catalog.domain.Video;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The live feed behind the SSE endpoints, fed by ProgressBoard's and VideoLifecycle's CDI events.
 * Per video it keeps a bounded ring of recent progress events for Last-Event-ID resume, and every state
 * change apart from the ring (there are only a handful per video) so that resuming never misses one, however
 * long the client was away. Appending and handing to subscribers happen under one lock: a subscriber that
 * replays then goes live sees every id exactly once, in order. Memory of a video is dropped some time after
 * its last event.
 */
@ApplicationScoped
public class EventFeed {
    @Inject VideoCatalog catalog;
    @Inject ProgressRelay relay;
    @Inject ProgressBoard board;

    @Inject @ConfigProperty(name = "kinora.events.buffer-per-video", defaultValue = "256")
    int bufferPerVideo;

    @Inject @ConfigProperty(name = "kinora.events.retain-minutes", defaultValue = "60")
    long retainMinutes;

    private long sequence;
    private final Map<String, History> videos = new LinkedHashMap<>();
    private final Map<String, Long> owners = new ConcurrentHashMap<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    private static final class History {
        final Deque<VideoEvent> progress = new ArrayDeque<>();
        final List<VideoEvent> states = new ArrayList<>();
        int lastPercent = -1;
        boolean downloading;
        Instant touched = Instant.now();
    }

    /** A live listener; {@code filter} decides what it may see (its video, its owner, or all for admins). */
    public final class Subscription implements AutoCloseable {
        final Predicate<VideoEvent> filter;
        final Consumer<VideoEvent> sink;

        Subscription(Predicate<VideoEvent> filter, Consumer<VideoEvent> sink) {
            this.filter = filter;
            this.sink = sink;
        }

        @Override
        public void close() { subscriptions.remove(this); }
    }

    void onProgress(@Observes VideoProgress p) {
        Long owner = owner(p.videoId());
        if (owner == null) return;
        synchronized (this) {
            History h = videos.computeIfAbsent(p.videoId(), k -> new History());
            // partitions fire their snapshots outside the board's lock, so an older one can arrive late:
            // the feed never lets a video's percent go backwards
            boolean downloading = p.download() != null;
            if (downloading != h.downloading) h.lastPercent = -1; // a torrent's download, then its encode: 0..100 each
            h.downloading = downloading;
            int percent = Math.max(h.lastPercent, p.percent());
            h.lastPercent = percent;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("videoId", p.videoId());
            data.put("stage", p.stage());
            data.put("percent", percent);
            data.put("piecesDone", p.piecesDone());
            data.put("piecesTotal", p.piecesTotal());
            data.put("published", p.published());
            if (p.download() != null) {
                data.put("bytesDone", p.download().bytesDone());
                data.put("bytesTotal", p.download().bytesTotal());
                data.put("peers", p.download().peers());
                data.put("bytesPerSecond", p.download().bytesPerSecond());
            }
            VideoEvent e = new VideoEvent(++sequence, p.videoId(), owner, "progress", Instant.now(), data);
            h.progress.addLast(e);
            while (h.progress.size() > bufferPerVideo) h.progress.removeFirst();
            deliver(h, e);
        }
    }

    /** After commit: a client told COMPLETED must find COMPLETED when it reads the video. */
    void onStatus(@Observes(during = TransactionPhase.AFTER_SUCCESS) VideoStatusChanged c) {
        owners.put(c.videoId(), c.ownerId());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("videoId", c.videoId());
        data.put("from", c.from() == null ? null : c.from().name());
        data.put("status", c.to().name());
        if (c.failureCode() != null) data.put("failureCode", c.failureCode());
        state(c.videoId(), c.ownerId(), data);
        relay.status(c.videoId(), c.ownerId(), data);
    }

    /** A status change another node made (its transaction committed there). */
    void fromOtherNode(String videoId, long ownerId, Map<String, Object> data) {
        owners.put(videoId, ownerId);
        state(videoId, ownerId, data);
    }

    /** A deleted video: its progress ends and its watchers hear DELETED (not a column change, so no VideoStatusChanged). */
    void onRemoved(@Observes io.kinora.catalog.application.VideoRemoved removed) {
        board.finished(removed.videoId(), "deleted");
        stateChanged(removed.videoId(), removed.ownerId(), "DELETED");
    }

    private void stateChanged(String videoId, long ownerId, String status) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("videoId", videoId);
        data.put("status", status);
        state(videoId, ownerId, data);
        relay.status(videoId, ownerId, data);
    }

    private synchronized void state(String videoId, long ownerId, Map<String, Object> data) {
        History h = videos.computeIfAbsent(videoId, k -> new History());
        VideoEvent e = new VideoEvent(++sequence, videoId, ownerId, "status", Instant.now(), data);
        h.states.add(e);
        deliver(h, e);
    }

    private void deliver(History h, VideoEvent e) {
        h.touched = e.at();
        for (Subscription s : subscriptions) {
            if (!s.filter.test(e)) continue;
            try {
                s.sink.accept(e);
            } catch (RuntimeException x) {
                s.close(); // a broken client must not break an encode
            }
        }
        if (e.id() % 256 == 0) expire();
    }

    /**
     * Replays what the filter may see after {@code lastEventId} (0: only each video's latest progress and
     * its state changes, so a fresh client starts with the picture), then delivers live events until closed.
     */
    public synchronized Subscription subscribe(long lastEventId, Predicate<VideoEvent> filter, Consumer<VideoEvent> sink) {
        List<VideoEvent> backlog = new ArrayList<>();
        for (History h : videos.values()) {
            List<VideoEvent> all = new ArrayList<>(h.states);
            if (lastEventId > 0) all.addAll(h.progress);
            else if (!h.progress.isEmpty()) all.add(h.progress.getLast());
            for (VideoEvent e : all) if (e.id() > lastEventId && filter.test(e)) backlog.add(e);
        }
        backlog.sort(Comparator.comparingLong(VideoEvent::id));
        backlog.forEach(sink);
        Subscription s = new Subscription(filter, sink);
        subscriptions.add(s);
        return s;
    }

    private void expire() {
        Instant limit = Instant.now().minusSeconds(retainMinutes * 60);
        videos.entrySet().removeIf(en -> en.getValue().touched.isBefore(limit));
        owners.keySet().retainAll(videos.keySet());
    }

    private Long owner(String videoId) {
        Long o = owners.get(videoId);
        if (o != null) return o;
        o = catalog.find(videoId).map(Video::ownerId).orElse(null);
        if (o != null) owners.put(videoId, o);
        return o;
    }
}
