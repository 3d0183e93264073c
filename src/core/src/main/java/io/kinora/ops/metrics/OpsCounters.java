package io.kinora.ops.metrics;

import io.kinora.catalog.application.VideoCatalog;
import io.kinora.catalog.application.VideoStatusChanged;
import io.kinora.catalog.domain.VideoStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters that only exist as events (no table holds them): pieces encoded, encode time per second of video,
 * uploads in flight, requests refused by the rate limiter. Per node, since the node start, as Prometheus expects
 * of counters; rates (pieces/s) are Prometheus' job: rate(kinora_pieces_encoded_total[1m]).
 */
@ApplicationScoped
public class OpsCounters {
    @Inject VideoCatalog catalog;

    private final AtomicLong uploadsInFlight = new AtomicLong();
    private final Map<String, LongAdder> rateLimited = new ConcurrentHashMap<>();
    /** Sum over completed videos of (seconds from upload to COMPLETED / seconds of video), and their count. */
    private final java.util.concurrent.atomic.DoubleAdder encodeRatioSum = new java.util.concurrent.atomic.DoubleAdder();
    private final LongAdder encodedVideos = new LongAdder();
    private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();

    void onStatus(@Observes(during = TransactionPhase.AFTER_SUCCESS) VideoStatusChanged c) {
        if (c.to() != VideoStatus.COMPLETED) return;
        catalog.find(c.videoId()).ifPresent(v -> {
            Long media = v.source().durationMillis();
            if (media == null || media <= 0 || v.completedAt() == null) return;
            encodeRatioSum.add(Duration.between(v.createdAt(), v.completedAt()).toMillis() / (double) media);
            encodedVideos.increment();
        });
    }

    // read through methods: callers hold a CDI proxy, whose own fields are not this bean's
    public double encodeRatioSum() { return encodeRatioSum.sum(); }

    public long encodedVideos() { return encodedVideos.sum(); }

    public long uploadsInFlight() { return uploadsInFlight.get(); }

    public long rateLimitedCount(String category) {
        LongAdder n = rateLimited.get(category);
        return n == null ? 0 : n.sum();
    }

    /** An error answer, keyed "status|code" (codes are a fixed vocabulary, so the label set stays small). */
    public void problem(int status, String code) {
        problems.computeIfAbsent(status + "|" + code, k -> new LongAdder()).increment();
    }

    public Map<String, Long> problems() {
        Map<String, Long> out = new java.util.TreeMap<>();
        problems.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Pieces encoded by one FFmpeg run of the encode step (one per rendition it produced). */
    public void uploadStarted() { uploadsInFlight.incrementAndGet(); }

    /** An encode item (a piece's renditions, or the audio track) began or ended on this node: worker use. */
    public void uploadEnded() { uploadsInFlight.decrementAndGet(); }

    public void rateLimited(String category) { rateLimited.computeIfAbsent(category, k -> new LongAdder()).increment(); }
}
