package io.kinora.ingest.application;

import io.kinora.tracing.Histogram;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How long uploads took on this node, by the way they came: one request ({@code request}: its body received), or tus
 * ({@code tus}: from the upload's creation, recorded with the upload, to its last byte, pauses, resumes and restarts
 * included).
 */
@ApplicationScoped
public class UploadSeconds {
    private static final double[] BOUNDS = {0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 14400};

    private final Histogram request = new Histogram(BOUNDS);
    private final Histogram tus = new Histogram(BOUNDS);

    public void requestReceived(long nanos, String traceId) {
        request.observe(nanos / 1e9, traceId);
    }

    /** A tus upload created at {@code created} (null: before creation times were recorded, not counted) is complete. */
    public void tusCompleted(Instant created, String traceId) {
        if (created != null) tus.observe(Math.max(0, Duration.between(created, Instant.now()).toNanos()) / 1e9, traceId);
    }

    /** By the way the uploads came: "request" and "tus". */
    public Map<String, Histogram> byWay() {
        return Map.of("request", request, "tus", tus);
    }
}
