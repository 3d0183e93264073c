package io.kinora.ingest.application;

import io.kinora.tracing.Histogram;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long uploads took on this node, by the way they came: one request ({@code request}: its body received), or tus
 * ({@code tus}: from the upload's creation to its last byte, pauses and resumes included). A tus upload counts when
 * the node that created it also receives its last byte (the creation time is kept in memory, for the newest
 * uploads only): after a restart, or finished on another node, it is not counted rather than counted wrong.
 */
@ApplicationScoped
public class UploadSeconds {
    private static final double[] BOUNDS = {0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 14400};
    private static final int TRACKED = 10_000;

    private final Histogram request = new Histogram(BOUNDS);
    private final Histogram tus = new Histogram(BOUNDS);
    private final Map<String, Long> tusCreated = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > TRACKED; // abandoned uploads must not grow the heap
        }
    };

    public void requestReceived(long nanos, String traceId) {
        request.observe(nanos / 1e9, traceId);
    }

    public void tusCreated(String uploadId) {
        synchronized (tusCreated) {
            tusCreated.put(uploadId, System.nanoTime());
        }
    }

    public void tusCompleted(String uploadId, String traceId) {
        Long created;
        synchronized (tusCreated) {
            created = tusCreated.remove(uploadId);
        }
        if (created != null) tus.observe((System.nanoTime() - created) / 1e9, traceId);
    }

    /** By the way the uploads came: "request" and "tus". */
    public Map<String, Histogram> byWay() {
        return Map.of("request", request, "tus", tus);
    }
}
