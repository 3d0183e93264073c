package io.kinora.catalog.infrastructure;

import io.kinora.catalog.application.VideoChanged;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import jakarta.transaction.Transactional;

/** Tells the other nodes that a video's access rule changed here (see {@link AccessChangesAcrossNodes}). */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class AccessChangeSender {
    @Inject JMSContext jms;

    @Resource(lookup = "java:/jms/topic/KinoraProgress")
    Topic topic;

    /** Once the transaction that made the change has ended. */
    void onChange(@Observes(during = TransactionPhase.AFTER_COMPLETION) VideoChanged change) {
        try {
            jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .setProperty("origin", AccessChangesAcrossNodes.NODE).setProperty("type", "access")
                    .setProperty("videoId", change.videoId()).send(topic, "");
        } catch (RuntimeException e) {
            // another node keeps its cached rule for at most kinora.stream.access-cache-seconds
        }
    }
}
