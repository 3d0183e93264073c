package io.kinora.encode.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Refuses to start with a batch thread pool that cannot run the encode job: its own thread plus one per partition
 * of the encode step. With fewer, every job start fails
 * inside JBeret ("requested permits > maximum") and each dispatch retry leaves a half-started execution behind.
 */
@Singleton
@Startup
public class BatchThreadsCheck {
    @Inject EncodeSettings settings;

    @PostConstruct
    void check() {
        int threads = EncodeSettings.batchThreads();
        String problem = problem(threads, settings.partitions());
        if (problem != null) throw new IllegalStateException(problem);
    }

    /** Why {@code threads} batch threads cannot run {@code partitions} partitions, or null when they can. */
    static String problem(int threads, int partitions) {
        int needed = partitions + 1;
        if (threads >= needed) return null;
        return "kinora.batch.threads=" + threads + " cannot run the encode job: it needs its own thread plus one per"
                + " partition (kinora.encode.partitions resolves to " + partitions + "), at least " + needed
                + ". Raise kinora.batch.threads or lower kinora.encode.partitions.";
    }
}
