package io.kinora.ingest.application;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

/**
 * Queues a stored upload for encoding: a persistent message on kinora.ingest, small files and admin
 * re-encodes at a higher priority so they overtake long videos waiting in line.
 */
@ApplicationScoped
public class IngestDispatcher {
    public static final int HIGH_PRIORITY = 7;
    public static final int NORMAL_PRIORITY = 4;

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/queue/KinoraIngest")
    Queue ingest;

    public void dispatch(String videoId, boolean high) {
        jms.createProducer()
                .setDeliveryMode(DeliveryMode.PERSISTENT)
                .setPriority(high ? HIGH_PRIORITY : NORMAL_PRIORITY)
                .send(ingest, videoId);
    }
}
