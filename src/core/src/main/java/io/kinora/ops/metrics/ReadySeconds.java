package io.kinora.ops.metrics;

import io.kinora.catalog.application.VideoCatalog;
import io.kinora.catalog.application.VideoStatusChanged;
import io.kinora.catalog.domain.VideoStatus;
import io.kinora.tracing.Histogram;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * How long uploaders wait to watch: from the video's creation (the upload complete, for tus and one-request uploads)
 * to READY (its first rendition playable), on the node that published it; exemplar: the video's trace. What a
 * viewer of the upload page feels, where job seconds is what the encoder spent.
 */
@ApplicationScoped
public class ReadySeconds extends Histogram {
    @Inject VideoCatalog catalog;

    public ReadySeconds() {
        super(1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600);
    }

    void onStatus(@Observes(during = TransactionPhase.AFTER_SUCCESS) VideoStatusChanged c) {
        if (c.to() != VideoStatus.READY) return;
        catalog.find(c.videoId()).ifPresent(v -> {
            Instant ready = v.readyAt() != null ? v.readyAt() : Instant.now();
            observe(Duration.between(v.createdAt(), ready).toMillis() / 1000.0, v.traceId());
        });
    }
}
