package io.kinora.it.drills;

import io.kinora.encode.application.EncodeDrill;
import io.kinora.ingest.infrastructure.IngestDrill;
import io.kinora.media.FfmpegException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tests' fault drills, deployed only by the tests (a library of the EAR, see Deployments.earWithDrills) and
 * switched over the management API with system properties:
 * {@code kinora.encode.inject-failures} = "N" fails the next N piece encodes, "always" every one;
 * {@code kinora.encode.inject-delay} = an ISO duration ("PT5S") holds every video piece that long before it is encoded
 * (a test that stops a job mid-encode knows then that no rendition was complete);
 * {@code kinora.ingest.inject-failures} = "always" fails every dispatch, "after-first-start" a first delivery after
 * it started the job.
 */
@Alternative
@Priority(1000)
@ApplicationScoped
public class FaultDrills implements EncodeDrill, IngestDrill {
    static final String ENCODE = "kinora.encode.inject-failures";
    static final String INGEST = "kinora.ingest.inject-failures";
    static final String DELAY = "kinora.encode.inject-delay";

    private final AtomicInteger used = new AtomicInteger();
    private volatile String lastSetting;

    @Override
    public void beforePieceEncode(String what) {
        String delay = System.getProperty(DELAY);
        if (delay != null && !delay.isBlank()) {
            try {
                Thread.sleep(java.time.Duration.parse(delay).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String setting = System.getProperty(ENCODE);
        if (setting == null || setting.isBlank()) {
            lastSetting = null;
            return;
        }
        synchronized (this) {
            if (!setting.equals(lastSetting)) {
                lastSetting = setting;
                used.set(0);
            }
        }
        if ("always".equals(setting) || used.incrementAndGet() <= Integer.parseInt(setting)) {
            throw new FfmpegException("injected encoder failure (" + ENCODE + "=" + setting + ") on " + what);
        }
    }

    @Override
    public void beforeStart() {
        if ("always".equals(System.getProperty(INGEST))) {
            throw new IllegalStateException("injected dispatch failure (" + INGEST + ")");
        }
    }

    @Override
    public void afterStart(int deliveryCount) {
        if ("after-first-start".equals(System.getProperty(INGEST)) && deliveryCount == 1) {
            // a dispatch that started its job and then failed: its redelivery must not start a second execution
            throw new IllegalStateException("injected failure after starting (" + INGEST + ")");
        }
    }
}
